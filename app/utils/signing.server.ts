// Electronic signature of PDFs behind one interface, so a signing service (BSrE of BSSN) can
// replace the local key: implement Signer and return it from getSigner().
// The default signs with a local PKCS#12 (a demo one is made by scripts/make-demo-signer.ts at
// setup) as a real PDF signature (adbe.pkcs7.detached, SHA-256) that poppler's `pdfsig` validates.
// @signpdf places and fills the signature; the CMS structure is the one @signpdf/signer-p12 builds
// with node-forge, but written here in DER: the PKCS#12 is decrypted once (not per PDF), the
// parts that never change are encoded once, and the digest and RSA operation run in Node's
// OpenSSL instead of forge's JavaScript (docs/decisions/060, 064).
import crypto from 'node:crypto'
import fs from 'node:fs'
import { plainAddPlaceholder } from '@signpdf/placeholder-plain'
import { SignPdf } from '@signpdf/signpdf'
import { Signer as CmsSigner } from '@signpdf/utils'
import forge from 'node-forge'
import { env } from './env.server'

export interface Signer {
  /** Returns the signed PDF. */
  sign(pdf: Buffer, meta: { reason: string; location: string }): Promise<Buffer>
}

// ---------------------------------------------------------------------------------------------
// DER, just what a CMS SignedData needs (RFC 5652): tag, length, content.

function der(tag: number, ...content: Buffer[]) {
  const body = Buffer.concat(content)
  const n = body.length
  const len =
    n < 0x80
      ? Buffer.from([n])
      : n < 0x100
        ? Buffer.from([0x81, n])
        : n < 0x10000
          ? Buffer.from([0x82, n >> 8, n & 0xff])
          : Buffer.from([0x83, n >> 16, (n >> 8) & 0xff, n & 0xff])
  return Buffer.concat([Buffer.from([tag]), len, body])
}
const SEQUENCE = 0x30
const SET = 0x31
const OCTETS = 0x04
const UTC_TIME = 0x17
const oidDer = (dotted: string) =>
  der(
    0x06,
    Buffer.from((forge.asn1.oidToDer(dotted) as forge.util.ByteStringBuffer).getBytes(), 'binary'),
  )
const NULL = Buffer.from([0x05, 0x00])
const OID = {
  data: oidDer(forge.pki.oids.data!),
  signedData: oidDer(forge.pki.oids.signedData!),
  sha256: oidDer(forge.pki.oids.sha256!),
  rsaEncryption: oidDer(forge.pki.oids.rsaEncryption!),
  contentType: oidDer(forge.pki.oids.contentType!),
  signingTime: oidDer(forge.pki.oids.signingTime!),
  messageDigest: oidDer(forge.pki.oids.messageDigest!),
}

/** UTCTime "YYMMDDHHMMSSZ" (signing times before 2050). */
function utcTime(d: Date) {
  const p = (x: number) => String(x).padStart(2, '0')
  const s =
    p(d.getUTCFullYear() % 100) +
    p(d.getUTCMonth() + 1) +
    p(d.getUTCDate()) +
    p(d.getUTCHours()) +
    p(d.getUTCMinutes()) +
    p(d.getUTCSeconds()) +
    'Z'
  return der(UTC_TIME, Buffer.from(s, 'latin1'))
}

const toDer = (a: forge.asn1.Asn1) => Buffer.from(forge.asn1.toDer(a).getBytes(), 'binary')

/**
 * The detached CMS SignedData of a PDF's signed bytes (adbe.pkcs7.detached, SHA-256, RSA
 * PKCS#1 v1.5), as @signpdf/signer-p12 makes it with forge: content type, signing time and
 * message digest as signed attributes, the certificates included. The PKCS#12 is decrypted once;
 * everything that does not change between PDFs (certificates, signer id, algorithm identifiers)
 * is encoded once; per PDF only the digest (Node's OpenSSL over the bytes, not forge's
 * JavaScript over a copy of them) and the RSA signature are computed.
 */
class P12CmsSigner extends CmsSigner {
  private readonly key: crypto.KeyObject
  private readonly certificates: Buffer
  private readonly signerId: Buffer

  constructor(p12Der: Buffer, passphrase: string) {
    super()
    const p12 = forge.pkcs12.pkcs12FromAsn1(
      forge.asn1.fromDer(forge.util.createBuffer(p12Der.toString('binary'))),
      false,
      passphrase,
    )
    const keyBag = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[
      forge.pki.oids.pkcs8ShroudedKeyBag
    ]?.[0]
    const certBags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []
    const privateKey = keyBag?.key as forge.pki.rsa.PrivateKey | undefined
    if (!privateKey) throw new Error('The PKCS#12 holds no private key')
    const chain = certBags.map((b) => b.cert!).filter(Boolean)
    const mine = chain.find((c) => {
      const pub = c.publicKey as forge.pki.rsa.PublicKey
      return pub.n.compareTo(privateKey.n) === 0 && pub.e.compareTo(privateKey.e) === 0
    })
    if (!mine) throw new Error('The PKCS#12 holds no certificate for its private key')
    this.key = crypto.createPrivateKey(forge.pki.privateKeyToPem(privateKey))
    this.certificates = Buffer.concat(chain.map((c) => toDer(forge.pki.certificateToAsn1(c))))
    // IssuerAndSerialNumber of the signing certificate.
    this.signerId = der(
      SEQUENCE,
      toDer(forge.pki.distinguishedNameToAsn1(mine.issuer)),
      toDer(
        forge.asn1.create(
          forge.asn1.Class.UNIVERSAL,
          forge.asn1.Type.INTEGER,
          false,
          forge.util.hexToBytes(mine.serialNumber),
        ),
      ),
    )
  }

  override async sign(pdfBuffer: Buffer, signingTime?: Date) {
    const digest = crypto.createHash('sha256').update(pdfBuffer).digest()
    // Signed attributes, in DER order (by encoding): content type, signing time, message digest.
    const attributes = Buffer.concat([
      der(SEQUENCE, OID.contentType, der(SET, OID.data)),
      der(SEQUENCE, OID.signingTime, der(SET, utcTime(signingTime ?? new Date()))),
      der(SEQUENCE, OID.messageDigest, der(SET, der(OCTETS, digest))),
    ])
    // The signature covers the attributes as a SET; they are stored as [0] IMPLICIT.
    const signature = crypto.sign('sha256', der(SET, attributes), this.key)
    const sha256 = der(SEQUENCE, OID.sha256, NULL)
    const signerInfo = der(
      SEQUENCE,
      der(0x02, Buffer.from([1])),
      this.signerId,
      sha256,
      der(0xa0, attributes),
      der(SEQUENCE, OID.rsaEncryption, NULL),
      der(OCTETS, signature),
    )
    const signedData = der(
      SEQUENCE,
      der(0x02, Buffer.from([1])),
      der(SET, sha256),
      der(SEQUENCE, OID.data),
      der(0xa0, this.certificates),
      der(SET, signerInfo),
    )
    return der(SEQUENCE, OID.signedData, der(0xa0, signedData))
  }
}

export class LocalP12Signer implements Signer {
  private readonly cms: P12CmsSigner
  constructor(
    p12: Buffer,
    passphrase: string,
    private readonly name: string,
  ) {
    this.cms = new P12CmsSigner(p12, passphrase)
  }

  async sign(pdf: Buffer, meta: { reason: string; location: string }) {
    const withPlaceholder = plainAddPlaceholder({
      pdfBuffer: pdf,
      reason: meta.reason,
      location: meta.location,
      name: this.name,
      contactInfo: '',
      signatureLength: 8192,
    })
    return new SignPdf().sign(withPlaceholder, this.cms)
  }
}

let signer: Signer | undefined
export function getSigner(): Signer {
  if (signer) return signer
  if (!fs.existsSync(env.CERT_P12_PATH))
    throw new Error(
      `No signing key at ${env.CERT_P12_PATH}: run "npx tsx scripts/make-demo-signer.ts" (setup does)`,
    )
  signer = new LocalP12Signer(
    fs.readFileSync(env.CERT_P12_PATH),
    env.CERT_P12_PASSPHRASE,
    env.CERT_SIGNER_NAME,
  )
  return signer
}

/** Replaces the signer (another provider, or tests). */
export function setSigner(s: Signer | undefined) {
  signer = s
}
