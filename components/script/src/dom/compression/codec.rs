//! The formats of the Compression Standard (<https://compression.spec.whatwg.org/#supported-formats>)
//! as DOM-free streaming codecs on flate2: "deflate" (the ZLIB format, RFC 1950), "deflate-raw"
//! (DEFLATE, RFC 1951) and "gzip" (RFC 1952). A decoder says when its input ends early, when it
//! is corrupt and when bytes follow the end of the compressed data: the errors the standard turns
//! into `TypeError`s.

use std::io::Write;

use flate2::{Compression, Crc, Decompress, FlushDecompress, Status};

/// A supported compression format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Deflate,
    DeflateRaw,
    Gzip,
}

enum EncoderKind {
    Deflate(flate2::write::ZlibEncoder<Vec<u8>>),
    DeflateRaw(flate2::write::DeflateEncoder<Vec<u8>>),
    Gzip(flate2::write::GzEncoder<Vec<u8>>),
}

/// A streaming compressor: bytes in, compressed bytes out as they become available.
pub struct Encoder(Option<EncoderKind>);

impl Encoder {
    pub fn new(format: Format) -> Encoder {
        let level = Compression::default();
        Encoder(Some(match format {
            Format::Deflate => EncoderKind::Deflate(flate2::write::ZlibEncoder::new(Vec::new(), level)),
            Format::DeflateRaw => EncoderKind::DeflateRaw(flate2::write::DeflateEncoder::new(Vec::new(), level)),
            Format::Gzip => EncoderKind::Gzip(flate2::write::GzEncoder::new(Vec::new(), level)),
        }))
    }

    /// Compresses `input`; returns what the compressor has produced so far.
    pub fn push(&mut self, input: &[u8]) -> std::io::Result<Vec<u8>> {
        Ok(match self.0.as_mut() {
            Some(EncoderKind::Deflate(e)) => {
                e.write_all(input)?;
                std::mem::take(e.get_mut())
            }
            Some(EncoderKind::DeflateRaw(e)) => {
                e.write_all(input)?;
                std::mem::take(e.get_mut())
            }
            Some(EncoderKind::Gzip(e)) => {
                e.write_all(input)?;
                std::mem::take(e.get_mut())
            }
            None => Vec::new(),
        })
    }

    /// Ends the stream; returns the rest of the output (trailers included).
    pub fn finish(&mut self) -> std::io::Result<Vec<u8>> {
        match self.0.take() {
            Some(EncoderKind::Deflate(e)) => e.finish(),
            Some(EncoderKind::DeflateRaw(e)) => e.finish(),
            Some(EncoderKind::Gzip(e)) => e.finish(),
            None => Ok(Vec::new()),
        }
    }
}

/// Why decompression failed.
#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The compressed data is not valid for the format (a bad header, block or checksum).
    Corrupt(String),
    /// Bytes came after the end of the compressed data.
    TrailingData,
    /// The input ended before the compressed data did.
    Truncated,
}

/// Where a gzip decoder is.
enum GzipState {
    /// Collecting the header's bytes.
    Header(Vec<u8>),
    /// Inflating the member's body.
    Body,
    /// Collecting the 8-byte trailer (CRC-32, ISIZE).
    Trailer(Vec<u8>),
    Done,
}

/// A streaming decompressor.
pub struct Decoder {
    format: Format,
    inflate: Decompress,
    ended: bool,
    gzip: GzipState,
    crc: Crc,
}

impl Decoder {
    pub fn new(format: Format) -> Decoder {
        Decoder {
            format,
            // The ZLIB format has the header and checksum flate2 checks; raw DEFLATE and the body
            // of a gzip member have neither.
            inflate: Decompress::new(format == Format::Deflate),
            ended: false,
            gzip: GzipState::Header(Vec::new()),
            crc: Crc::new(),
        }
    }

    /// Decompresses `input`; returns the bytes it gave, and the error it met, if any (the output
    /// that came before an error stands: a page gets the data, then the error).
    pub fn push(&mut self, input: &[u8]) -> (Vec<u8>, Result<(), DecodeError>) {
        let mut output = Vec::new();
        let result = self.push_into(input, &mut output);
        (output, result)
    }

    fn push_into(&mut self, input: &[u8], output: &mut Vec<u8>) -> Result<(), DecodeError> {
        if self.format != Format::Gzip {
            let (out, used) = self.inflate_body(input)?;
            output.extend(out);
            // "If the end of the compressed input has been reached, and ds's context has not
            // fully consumed chunk, then throw a TypeError."
            return if used < input.len() { Err(DecodeError::TrailingData) } else { Ok(()) };
        }
        let mut input = input;
        while !input.is_empty() {
            match &mut self.gzip {
                GzipState::Header(header) => {
                    header.extend_from_slice(input);
                    input = &[];
                    if let Some(length) = gzip_header_length(header)? {
                        let rest = header.split_off(length);
                        self.gzip = GzipState::Body;
                        let (out, used) = self.inflate_body(&rest)?;
                        output.extend(out);
                        if self.ended {
                            self.gzip = GzipState::Trailer(Vec::new());
                            return self.gzip_trailer(&rest[used..]);
                        }
                    }
                }
                GzipState::Body => {
                    let (out, used) = self.inflate_body(input)?;
                    output.extend(out);
                    input = &input[used..];
                    if self.ended {
                        self.gzip = GzipState::Trailer(Vec::new());
                    }
                }
                GzipState::Trailer(_) => {
                    self.gzip_trailer(input)?;
                    input = &[];
                }
                GzipState::Done => return Err(DecodeError::TrailingData),
            }
        }
        Ok(())
    }

    /// The end of the input: an error if the compressed data has not ended.
    pub fn finish(&mut self) -> Result<(), DecodeError> {
        let complete = match self.format {
            Format::Gzip => matches!(self.gzip, GzipState::Done),
            _ => self.ended,
        };
        if complete { Ok(()) } else { Err(DecodeError::Truncated) }
    }

    /// Inflates DEFLATE data; returns the output and how many input bytes were used (fewer than
    /// given once the compressed data has ended).
    fn inflate_body(&mut self, input: &[u8]) -> Result<(Vec<u8>, usize), DecodeError> {
        if self.ended {
            return Ok((Vec::new(), 0));
        }
        let mut output = Vec::with_capacity(input.len().saturating_mul(3).max(64));
        let start_in = self.inflate.total_in();
        loop {
            if output.len() == output.capacity() {
                output.reserve(output.capacity().max(64));
            }
            let used = (self.inflate.total_in() - start_in) as usize;
            let out_before = output.len();
            let status = self
                .inflate
                .decompress_vec(&input[used..], &mut output, FlushDecompress::None)
                .map_err(|e| DecodeError::Corrupt(e.to_string()))?;
            let used_now = (self.inflate.total_in() - start_in) as usize;
            if status == Status::StreamEnd {
                self.ended = true;
                if self.format == Format::Gzip {
                    self.crc.update(&output);
                }
                return Ok((output, used_now));
            }
            let room_left = output.len() < output.capacity();
            // All the input is in and the decompressor had room to spare: nothing is pending.
            if used_now == input.len() && room_left {
                break;
            }
            // No progress with room to spare: it needs more input than this chunk has.
            if used_now == used && output.len() == out_before && room_left {
                break;
            }
        }
        if self.format == Format::Gzip {
            self.crc.update(&output);
        }
        let used = (self.inflate.total_in() - start_in) as usize;
        Ok((output, used))
    }

    /// Collects trailer bytes; checks CRC-32 and ISIZE once all eight are there.
    fn gzip_trailer(&mut self, input: &[u8]) -> Result<(), DecodeError> {
        let GzipState::Trailer(trailer) = &mut self.gzip else { return Ok(()) };
        trailer.extend_from_slice(input);
        if trailer.len() < 8 {
            return Ok(());
        }
        if trailer.len() > 8 {
            return Err(DecodeError::TrailingData);
        }
        let crc = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
        let size = u32::from_le_bytes([trailer[4], trailer[5], trailer[6], trailer[7]]);
        if crc != self.crc.sum() || size != self.crc.amount() {
            return Err(DecodeError::Corrupt("the gzip trailer does not match the data".into()));
        }
        self.gzip = GzipState::Done;
        Ok(())
    }
}

/// The length of a complete gzip member header at the start of `bytes` (RFC 1952, 2.3.1), `None`
/// while more bytes are needed.
fn gzip_header_length(bytes: &[u8]) -> Result<Option<usize>, DecodeError> {
    if bytes.len() < 10 {
        if bytes.len() >= 2 && (bytes[0], bytes[1]) != (0x1f, 0x8b) {
            return Err(DecodeError::Corrupt("not gzip data".into()));
        }
        return Ok(None);
    }
    if (bytes[0], bytes[1]) != (0x1f, 0x8b) || bytes[2] != 8 {
        return Err(DecodeError::Corrupt("not gzip data (or not DEFLATE inside)".into()));
    }
    let flags = bytes[3];
    let mut at = 10;
    // FEXTRA: a two-byte length, then that many bytes.
    if flags & 0x04 != 0 {
        let Some(len) = bytes.get(at..at + 2) else { return Ok(None) };
        at += 2 + u16::from_le_bytes([len[0], len[1]]) as usize;
    }
    // FNAME, FCOMMENT: zero-terminated strings.
    for flag in [0x08, 0x10] {
        if flags & flag != 0 {
            match bytes.get(at..).and_then(|rest| rest.iter().position(|b| *b == 0)) {
                Some(end) => at += end + 1,
                None => return Ok(None),
            }
        }
    }
    // FHCRC: two bytes.
    if flags & 0x02 != 0 {
        at += 2;
    }
    Ok((bytes.len() >= at).then_some(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(format: Format, data: &[u8], split: usize) -> Vec<u8> {
        let mut encoder = Encoder::new(format);
        let mut compressed = encoder.push(data).unwrap();
        compressed.extend(encoder.finish().unwrap());
        let mut decoder = Decoder::new(format);
        let mut out = Vec::new();
        for piece in compressed.chunks(split.max(1)) {
            let (bytes, result) = decoder.push(piece);
            result.unwrap();
            out.extend(bytes);
        }
        decoder.finish().unwrap();
        out
    }

    #[test]
    fn every_format_round_trips_in_any_pieces() {
        let data: Vec<u8> = (0..20_000u32).map(|i| (i * 7 % 251) as u8).collect();
        for format in [Format::Deflate, Format::DeflateRaw, Format::Gzip] {
            for split in [1, 3, 17, 4096, 1 << 20] {
                assert_eq!(round_trip(format, &data, split), data, "{format:?} in pieces of {split}");
            }
            assert_eq!(round_trip(format, b"", 1), b"", "{format:?} empty");
        }
    }

    #[test]
    fn truncated_trailing_and_corrupt_input_are_errors() {
        for format in [Format::Deflate, Format::DeflateRaw, Format::Gzip] {
            let mut encoder = Encoder::new(format);
            let mut compressed = encoder.push(b"hello hello hello").unwrap();
            compressed.extend(encoder.finish().unwrap());
            let mut decoder = Decoder::new(format);
            decoder.push(&compressed[..compressed.len() - 1]).1.unwrap();
            assert_eq!(decoder.finish(), Err(DecodeError::Truncated), "{format:?} truncated");
            let mut decoder = Decoder::new(format);
            let mut extra = compressed.clone();
            extra.push(0);
            let (bytes, result) = decoder.push(&extra);
            assert_eq!(result, Err(DecodeError::TrailingData), "{format:?} trailing");
            assert_eq!(bytes, b"hello hello hello", "{format:?}: the data before the junk stands");
        }
        assert!(matches!(Decoder::new(Format::Gzip).push(b"not gzip at all").1, Err(DecodeError::Corrupt(_))));
        assert!(matches!(Decoder::new(Format::Deflate).push(b"\x00\x00 bad").1, Err(DecodeError::Corrupt(_))));
    }
}
