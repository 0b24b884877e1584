// Makes the demo signing key: a self-signed RSA certificate in a PKCS#12 file for the local
// Signer (app/utils/signing.server.ts). A real deployment uses BSrE or a CA-issued certificate.
// Usage: npx tsx scripts/make-demo-signer.ts [path] (defaults: CERT_P12_PATH, CERT_P12_PASSPHRASE)
import fs from 'node:fs'
import path from 'node:path'
import forge from 'node-forge'

const file = process.argv[2] ?? process.env.CERT_P12_PATH ?? '.local/certs/signer.p12'
const passphrase = process.env.CERT_P12_PASSPHRASE ?? 'bina-demo-signer'
const signerName = process.env.CERT_SIGNER_NAME ?? 'Dr. H. Sudirman, S.E., M.M.'

if (fs.existsSync(file) && !process.argv.includes('--force')) {
  console.log(`[signer] ${file} exists`)
  process.exit(0)
}
const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 })
const cert = forge.pki.createCertificate()
cert.publicKey = keys.publicKey
cert.serialNumber = '01' + forge.util.bytesToHex(forge.random.getBytesSync(8))
cert.validity.notBefore = new Date(Date.now() - 86_400_000)
cert.validity.notAfter = new Date(Date.now() + 5 * 365 * 86_400_000)
const subject = [
  { name: 'commonName', value: signerName },
  { name: 'organizationName', value: 'Pemerintah Provinsi Jambi (DEMO)' },
  { name: 'organizationalUnitName', value: 'BPSDM' },
  { name: 'countryName', value: 'ID' },
]
cert.setSubject(subject)
cert.setIssuer(subject)
cert.setExtensions([
  { name: 'basicConstraints', cA: false },
  { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  { name: 'extKeyUsage', emailProtection: true },
])
cert.sign(keys.privateKey, forge.md.sha256.create())
const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], passphrase, {
  algorithm: '3des',
  friendlyName: 'bina-demo-signer',
})
fs.mkdirSync(path.dirname(file), { recursive: true })
fs.writeFileSync(file, Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'), { mode: 0o600 })
console.log(`[signer] wrote the demo signing key ${file}`)
