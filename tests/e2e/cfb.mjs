// Test helper: large MSI files made on the fly (OLE compound files, [MS-CFB]), so that the repository
// keeps no 150 MB fixture. `bigMsi` takes the `\x05DigitalSignature` stream of a real signed MSI
// (tests/fixtures/signed/msi-signed.msi) and puts it next to one large stream in a version-4 compound
// file (4096-byte sectors): a signed installer of the size ESET ships, whose digest no longer matches
// (the status is `invalid`): only the work of verifying it matters here.
import { open } from 'node:fs/promises';

const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const FATSECT = 0xfffffffd;
const NOSTREAM = 0xffffffff;
const MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** The contents of the stream `name` at the root of a compound file (regular or mini stream). */
export function readStream(file, name) {
  if (!file.subarray(0, 8).equals(MAGIC)) throw new Error('not a compound file');
  const sectorSize = 1 << file.readUInt16LE(30);
  const sector = (n) => file.subarray((n + 1) * sectorSize, (n + 2) * sectorSize);
  const fat = [];
  for (let i = 0; i < 109; i++) {
    const at = file.readUInt32LE(76 + 4 * i);
    if (at === FREESECT) break;
    const s = sector(at);
    for (let j = 0; j < sectorSize / 4; j++) fat.push(s.readUInt32LE(4 * j));
  }
  const chain = (start) => {
    const out = [];
    for (let n = start; n !== ENDOFCHAIN && out.length <= fat.length; n = fat[n]) out.push(sector(n));
    return Buffer.concat(out);
  };
  const dir = chain(file.readUInt32LE(48));
  const entries = [];
  for (let at = 0; at + 128 <= dir.length; at += 128) {
    const e = dir.subarray(at, at + 128);
    const len = e.readUInt16LE(64);
    entries.push({ name: e.subarray(0, Math.max(0, len - 2)).toString('utf16le'), start: e.readUInt32LE(116), size: Number(e.readBigUInt64LE(120)) });
  }
  const entry = entries.find((e) => e.name === name);
  if (!entry) throw new Error(`no stream ${JSON.stringify(name)}`);
  const cutoff = file.readUInt32LE(56);
  if (entry.size >= cutoff) return chain(entry.start).subarray(0, entry.size);
  // A mini stream: 64-byte sectors inside the root entry's stream, chained by the mini FAT.
  const mini = chain(entries[0].start);
  const miniFat = chain(file.readUInt32LE(60));
  const out = [];
  for (let n = entry.start; n !== ENDOFCHAIN && out.length * 64 < entry.size; n = miniFat.readUInt32LE(4 * n)) out.push(mini.subarray(n * 64, n * 64 + 64));
  return Buffer.concat(out).subarray(0, entry.size);
}

function dirEntry(name, type, { left = NOSTREAM, right = NOSTREAM, child = NOSTREAM, start = ENDOFCHAIN, size = 0 } = {}) {
  const e = Buffer.alloc(128);
  if (name) {
    const n = Buffer.from(`${name}\0`, 'utf16le');
    n.copy(e, 0);
    e.writeUInt16LE(n.length, 64);
  }
  e[66] = type;
  e[67] = 1; // black
  e.writeUInt32LE(left, 68);
  e.writeUInt32LE(right, 72);
  e.writeUInt32LE(child, 76);
  e.writeUInt32LE(start, 116);
  e.writeBigUInt64LE(BigInt(size), 120);
  return e;
}

/**
 * Writes to `path` a version-4 compound file with two root streams: `\x05DigitalSignature` (the
 * bytes `signature`) and `Payload` of `payloadBytes` bytes (a pseudo-random pattern, written in
 * pieces). Returns the file's size.
 */
export async function writeBigMsi(path, signature, payloadBytes) {
  const S = 4096;
  const sectors = (n) => Math.ceil(n / S);
  const sigSectors = sectors(signature.length);
  const payloadSectors = sectors(payloadBytes);
  let fatSectors = 1;
  while (fatSectors * (S / 4) < fatSectors + 1 + sigSectors + payloadSectors) fatSectors += 1;
  if (fatSectors > 109) throw new Error('too large for a file without DIFAT sectors');
  const dirSector = fatSectors;
  const sigStart = dirSector + 1;
  const payloadStart = sigStart + sigSectors;
  const total = payloadStart + payloadSectors;

  const fat = Buffer.alloc(fatSectors * S, 0xff);
  const set = (n, v) => fat.writeUInt32LE(v, 4 * n);
  for (let i = 0; i < fatSectors; i++) set(i, FATSECT);
  set(dirSector, ENDOFCHAIN);
  for (let i = 0; i < sigSectors; i++) set(sigStart + i, i === sigSectors - 1 ? ENDOFCHAIN : sigStart + i + 1);
  for (let i = 0; i < payloadSectors; i++) set(payloadStart + i, i === payloadSectors - 1 ? ENDOFCHAIN : payloadStart + i + 1);

  const header = Buffer.alloc(S);
  MAGIC.copy(header, 0);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(4, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(12, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(1, 40); // directory sectors
  header.writeUInt32LE(fatSectors, 44);
  header.writeUInt32LE(dirSector, 48);
  header.writeUInt32LE(4096, 56);
  header.writeUInt32LE(ENDOFCHAIN, 60);
  header.writeUInt32LE(0, 64);
  header.writeUInt32LE(ENDOFCHAIN, 68);
  header.writeUInt32LE(0, 72);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i < fatSectors ? i : FREESECT, 76 + 4 * i);

  // The directory: the root, then the two streams as a tree (Payload is shorter, so it sorts first).
  const dir = Buffer.alloc(S);
  dirEntry('Root Entry', 5, { child: 1 }).copy(dir, 0);
  dirEntry('\u0005DigitalSignature', 2, { left: 2, start: sigStart, size: signature.length }).copy(dir, 128);
  dirEntry('Payload', 2, { start: payloadStart, size: payloadBytes }).copy(dir, 256);
  for (let i = 3; i < S / 128; i++) dirEntry('', 0).copy(dir, 128 * i);

  const f = await open(path, 'w');
  try {
    await f.write(header);
    await f.write(fat);
    await f.write(dir);
    const sig = Buffer.alloc(sigSectors * S);
    signature.copy(sig);
    await f.write(sig);
    const piece = Buffer.alloc(8 * 1024 * 1024);
    for (let i = 0; i < piece.length; i++) piece[i] = (Math.imul(i, 2654435761) >>> 13) & 0xff;
    for (let written = 0; written < payloadSectors * S; written += piece.length) {
      await f.write(piece.subarray(0, Math.min(piece.length, payloadSectors * S - written)));
    }
  } finally {
    await f.close();
  }
  return (total + 1) * S;
}
