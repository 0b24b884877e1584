#!/usr/bin/env bash
# Writes a new migration: the difference between the schema of the last commit and the working
# schema.prisma (datamodel to datamodel; no shadow database needed, see docs/decisions/002).
# Usage: bash scripts/new-migration.sh add_something
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: new-migration.sh NAME}"
old="$(mktemp --suffix=.prisma)"
git show HEAD:prisma/schema.prisma > "$old"
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
mkdir -p "$dir"
npx prisma migrate diff --from-schema-datamodel "$old" --to-schema-datamodel prisma/schema.prisma --script > "$dir/migration.sql"
rm -f "$old"
echo "wrote $dir/migration.sql"
