# Sourced by the other scripts: .env fills in what the environment does not already set
# (a variable given on the command line wins over .env).
_bina_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -f "$_bina_root/.env" ]; then
  while IFS='=' read -r key value; do
    [[ "$key" =~ ^[A-Z_][A-Z0-9_]*$ ]] || continue
    [ -z "${!key+x}" ] && export "$key=$value"
  done < "$_bina_root/.env"
fi
