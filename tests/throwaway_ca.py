"""A throwaway certificate authority for the signing tests, made with `cryptography`: an RSA root
(BSrE certificates are RSA; an ECDSA key would make pyHanko write PDF 2.0, which is no PDF/A-2),
signers issued by it (valid or expired), and PKCS#12 files of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Pemerintah Kabupaten Contoh"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


@dataclass
class Authority:
    """A root CA: its key and self-signed certificate."""

    key: rsa.RSAPrivateKey
    cert: x509.Certificate

    @classmethod
    def create(cls, common_name: str = "Root CA Uji TTE") -> Authority:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name))
            .issuer_name(_name(common_name))
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(NOW - dt.timedelta(days=30))
            .not_valid_after(NOW + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
            )
            .sign(key, hashes.SHA256())
        )
        return cls(key, cert)

    def issue(
        self, common_name: str, *, expired: bool = False, timestamping: bool = False
    ) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
        """A signing certificate for ``common_name``; ``expired`` ends it yesterday;
        ``timestamping`` makes it a timestamp authority's (extended key usage, critical)."""
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        start, end = (
            (NOW - dt.timedelta(days=400), NOW - dt.timedelta(days=1))
            if expired
            else (NOW - dt.timedelta(days=1), NOW + dt.timedelta(days=365))
        )
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name))
            .issuer_name(self.cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=True,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.ExtendedKeyUsage(
                    [ExtendedKeyUsageOID.TIME_STAMPING]
                    if timestamping
                    else [ExtendedKeyUsageOID.EMAIL_PROTECTION]
                ),
                critical=timestamping,
            )
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()),
                critical=False,
            )
            .sign(self.key, hashes.SHA256())
        )
        return key, cert

    def p12(self, folder: Path, common_name: str, password: str, *, expired: bool = False) -> Path:
        """A PKCS#12 file of a new signer issued by this root (its chain included)."""
        key, cert = self.issue(common_name, expired=expired)
        data = pkcs12.serialize_key_and_certificates(
            common_name.encode(),
            key,
            cert,
            [self.cert],
            serialization.BestAvailableEncryption(password.encode()),
        )
        path = folder / f"{common_name.replace(' ', '-').lower()}.p12"
        path.write_bytes(data)
        return path

    def pem(self, folder: Path, name: str = "root.pem") -> Path:
        """The root certificate as a PEM file (for verify --trust)."""
        path = folder / name
        path.write_bytes(self.cert.public_bytes(serialization.Encoding.PEM))
        return path
