// Electronic signature of PDFs behind one interface, so a signing service (BSrE of BSSN) can
// replace the local key: implement Signer and return it from getSigner().
// The default signs with a local PKCS#12 (a demo one is made by scripts/make-demo-signer.ts at
// setup) as a real PDF signature (adbe.pkcs7.detached, SHA-256) that poppler's `pdfsig` validates.
// @signpdf places and fills the signature; the CMS structure is built with node-forge like
// @signpdf/signer-p12 does, but the PKCS#12 is decrypted once (not per PDF) and the RSA operation
// runs in Node's OpenSSL instead of forge's JavaScript (docs/decisions/060).
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

/** DER prefix of a SHA-256 DigestInfo (RFC 8017, 9.2 note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex')

class P12CmsSigner extends CmsSigner {
  private readonly cert: forge.pki.Certificate
  private readonly chain: forge.pki.Certificate[]
  private readonly key: crypto.KeyObject

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
    this.chain = certBags.map((b) => b.cert!).filter(Boolean)
    const mine = this.chain.find((c) => {
      const pub = c.publicKey as forge.pki.rsa.PublicKey
      return pub.n.compareTo(privateKey.n) === 0 && pub.e.compareTo(privateKey.e) === 0
    })
    if (!mine) throw new Error('The PKCS#12 holds no certificate for its private key')
    this.cert = mine
    this.key = crypto.createPrivateKey(forge.pki.privateKeyToPem(privateKey))
  }

  override async sign(pdfBuffer: Buffer, signingTime?: Date) {
    const p7 = forge.pkcs7.createSignedData()
    p7.content = forge.util.createBuffer(pdfBuffer.toString('binary'))
    for (const c of this.chain) p7.addCertificate(c)
    const key = this.key
    // forge calls key.sign(md) with the digest of the signed attributes: sign it with OpenSSL.
    const fastKey = {
      sign(md: forge.md.MessageDigest) {
        const digest = Buffer.from(md.digest().getBytes(), 'binary')
        return crypto
          .privateEncrypt(
            { key, padding: crypto.constants.RSA_PKCS1_PADDING },
            Buffer.concat([SHA256_DIGEST_INFO, digest]),
          )
          .toString('binary')
      },
    }
    p7.addSigner({
      key: fastKey as unknown as forge.pki.rsa.PrivateKey,
      certificate: this.cert,
      digestAlgorithm: forge.pki.oids.sha256,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
        { type: forge.pki.oids.signingTime, value: (signingTime ?? new Date()) as never },
        { type: forge.pki.oids.messageDigest },
      ],
    })
    p7.sign({ detached: true })
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary')
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
