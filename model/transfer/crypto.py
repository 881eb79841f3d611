"""Encrypting a case file with a passphrase: AES-256-GCM, key from scrypt (library:
`cryptography`; nothing home-made).

Layout (all of the header is authenticated as AES-GCM associated data, so a changed
parameter, salt or version is detected like a changed byte of the ciphertext):

    magic     8 bytes  b"LOTSENAF"
    version   1 byte   1
    kdf       1 byte   1 = scrypt
    log2 n    1 byte   scrypt cost N = 2**log2_n
    r         1 byte   scrypt block size
    p         1 byte   scrypt parallelism
    salt     16 bytes  random per file
    nonce    12 bytes  random per file (a fresh key per file too, since the salt is fresh)
    ciphertext + 16-byte GCM tag: the UTF-8 JSON of the case file
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"LOTSENAF"
VERSION = 1
KDF_SCRYPT = 1
_HEAD = struct.Struct(">8sBBBBB16s12s")
HEADER_SIZE = _HEAD.size  # 41
TAG_SIZE = 16
# N = 2**17, r = 8, p = 1: 128 MiB of memory and about 0.4-0.5 s here (2 shared cores; see
# benchmarks/store.py), so each guessed passphrase costs an attacker the same. A file asking
# for more than MAX_* (256 MiB, 2 lanes) is refused before any work, so a crafted header
# cannot make the reader spend minutes or gigabytes.
LOG2_N, R, P = 17, 8, 1
MAX_LOG2_N, MAX_R, MAX_P = 18, 8, 2
MIN_PASSPHRASE = 8

WRONG = (
    "Filen kunde inte öppnas: lösenfrasen är fel, eller så har filen ändrats eller skadats "
    "efter att den skrevs. Kontrollera lösenfrasen med avsändaren. Inget har lagts till."
)
NOT_OURS = "Filen är ingen krypterad ärendefil från Lotsen, eller så är den avkortad."


class DecryptError(Exception):
    """Wrong passphrase, tampered or truncated file; str() is Swedish."""


@dataclass(frozen=True)
class KdfParams:
    log2_n: int = LOG2_N
    r: int = R
    p: int = P


def is_encrypted(data: bytes) -> bool:
    return data.startswith(MAGIC)


DEFAULT_PARAMS = KdfParams()


def derive_key(passphrase: str, salt: bytes, params: KdfParams = DEFAULT_PARAMS) -> bytes:
    kdf = Scrypt(salt=salt, length=32, n=2**params.log2_n, r=params.r, p=params.p)
    return kdf.derive(passphrase.encode("utf-8"))


def encrypt(plain: bytes, passphrase: str, params: KdfParams | None = None) -> bytes:
    params = params or DEFAULT_PARAMS
    salt, nonce = os.urandom(16), os.urandom(12)
    header = _HEAD.pack(MAGIC, VERSION, KDF_SCRYPT, params.log2_n, params.r, params.p, salt, nonce)
    key = derive_key(passphrase, salt, params)
    return header + AESGCM(key).encrypt(nonce, plain, header)


def decrypt(data: bytes, passphrase: str) -> bytes:
    if len(data) < HEADER_SIZE + TAG_SIZE or not data.startswith(MAGIC):
        raise DecryptError(NOT_OURS)
    header = data[:HEADER_SIZE]
    _magic, version, kdf, log2_n, r, p, salt, nonce = _HEAD.unpack(header)
    if version > VERSION or kdf != KDF_SCRYPT:
        raise DecryptError(
            "Filen är krypterad på ett sätt som den här Lotsen inte känner till (från en nyare "
            "Lotsen?). Uppdatera Lotsen och försök igen. Inget har lagts till."
        )
    if not (1 <= log2_n <= MAX_LOG2_N and 1 <= r <= MAX_R and 1 <= p <= MAX_P):
        raise DecryptError(WRONG)
    key = derive_key(passphrase, salt, KdfParams(log2_n, r, p))
    try:
        return AESGCM(key).decrypt(nonce, data[HEADER_SIZE:], header)
    except InvalidTag:
        raise DecryptError(WRONG) from None


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase is refused (Swedish), or None."""
    if len(passphrase) < MIN_PASSPHRASE:
        return (
            f"Lösenfrasen måste ha minst {MIN_PASSPHRASE} tecken. Välj gärna några ord som "
            "bara du och mottagaren känner till."
        )
    if not passphrase.strip():
        return "Lösenfrasen får inte bara vara mellanslag."
    return None
