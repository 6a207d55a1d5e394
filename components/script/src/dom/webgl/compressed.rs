//! Compressed textures (<https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.8>,
//! <https://registry.khronos.org/webgl/specs/latest/2.0/#3.7.6>) and the extensions that enable
//! their formats: WEBGL_compressed_texture_s3tc, _s3tc_srgb, _etc, _etc1, _astc,
//! EXT_texture_compression_bptc and _rgtc (<https://registry.khronos.org/webgl/extensions/>).
//!
//! No format is usable before the page enables its extension (INVALID_ENUM). WebGL checks the
//! data's length against the size the format gives the region (INVALID_VALUE) and the rules the
//! extensions add; OpenGL ES (Mesa decodes every one of these formats) checks the rest (block
//! alignment of sub-image regions, a level's format, immutable textures, targets a format cannot
//! have) and its errors reach `getError()`.

use webgl_traits::glow::{self, CompressedPixelUnpackData, HasContext};

use super::extensions::Extension;
use super::webglrenderingcontext::{WebGLRenderingContext, gl_run};

/// A compressed format: its enum, block size in texels and bytes per block, and the extension
/// that enables it.
#[derive(Clone, Copy, Debug)]
pub(super) struct CompressedFormat {
    pub(super) format: u32,
    block: (u32, u32),
    bytes: u32,
    pub(super) extension: Extension,
}

const fn format(format: u32, block: (u32, u32), bytes: u32, extension: Extension) -> CompressedFormat {
    CompressedFormat { format, block, bytes, extension }
}

use Extension::{
    ExtTextureCompressionBptc as Bptc, ExtTextureCompressionRgtc as Rgtc, WebglCompressedTextureAstc as Astc,
    WebglCompressedTextureEtc as Etc, WebglCompressedTextureEtc1 as Etc1, WebglCompressedTextureS3tc as S3tc,
    WebglCompressedTextureS3tcSrgb as S3tcSrgb,
};

/// `COMPRESSED_RGB8_ETC1_OES` (<https://registry.khronos.org/webgl/extensions/WEBGL_compressed_texture_etc1/>).
const ETC1_RGB8: u32 = 0x8D64;

/// ASTC's block sizes, in the order of the formats' enums.
const ASTC_BLOCKS: [(u32, u32); 14] = [
    (4, 4),
    (5, 4),
    (5, 5),
    (6, 5),
    (6, 6),
    (8, 5),
    (8, 6),
    (8, 8),
    (10, 5),
    (10, 6),
    (10, 8),
    (10, 10),
    (12, 10),
    (12, 12),
];

/// Every compressed format, in the order of their extensions' IDL.
pub(super) const FORMATS: &[CompressedFormat] = &[
    // WEBGL_compressed_texture_s3tc: DXT1 (RGB, RGBA), DXT3, DXT5.
    format(0x83F0, (4, 4), 8, S3tc),
    format(0x83F1, (4, 4), 8, S3tc),
    format(0x83F2, (4, 4), 16, S3tc),
    format(0x83F3, (4, 4), 16, S3tc),
    // WEBGL_compressed_texture_s3tc_srgb.
    format(0x8C4C, (4, 4), 8, S3tcSrgb),
    format(0x8C4D, (4, 4), 8, S3tcSrgb),
    format(0x8C4E, (4, 4), 16, S3tcSrgb),
    format(0x8C4F, (4, 4), 16, S3tcSrgb),
    // WEBGL_compressed_texture_etc: R11/RG11 EAC (unsigned, signed), ETC2 RGB8, SRGB8,
    // punch-through alpha (RGB8, SRGB8), RGBA8 EAC, SRGB8 ALPHA8 EAC.
    format(0x9270, (4, 4), 8, Etc),
    format(0x9271, (4, 4), 8, Etc),
    format(0x9272, (4, 4), 16, Etc),
    format(0x9273, (4, 4), 16, Etc),
    format(0x9274, (4, 4), 8, Etc),
    format(0x9275, (4, 4), 8, Etc),
    format(0x9276, (4, 4), 8, Etc),
    format(0x9277, (4, 4), 8, Etc),
    format(0x9278, (4, 4), 16, Etc),
    format(0x9279, (4, 4), 16, Etc),
    // WEBGL_compressed_texture_etc1.
    format(ETC1_RGB8, (4, 4), 8, Etc1),
    // WEBGL_compressed_texture_astc: RGBA 4x4 … 12x12, then SRGB8 ALPHA8 4x4 … 12x12, 16 bytes
    // per block.
    format(0x93B0, ASTC_BLOCKS[0], 16, Astc),
    format(0x93B1, ASTC_BLOCKS[1], 16, Astc),
    format(0x93B2, ASTC_BLOCKS[2], 16, Astc),
    format(0x93B3, ASTC_BLOCKS[3], 16, Astc),
    format(0x93B4, ASTC_BLOCKS[4], 16, Astc),
    format(0x93B5, ASTC_BLOCKS[5], 16, Astc),
    format(0x93B6, ASTC_BLOCKS[6], 16, Astc),
    format(0x93B7, ASTC_BLOCKS[7], 16, Astc),
    format(0x93B8, ASTC_BLOCKS[8], 16, Astc),
    format(0x93B9, ASTC_BLOCKS[9], 16, Astc),
    format(0x93BA, ASTC_BLOCKS[10], 16, Astc),
    format(0x93BB, ASTC_BLOCKS[11], 16, Astc),
    format(0x93BC, ASTC_BLOCKS[12], 16, Astc),
    format(0x93BD, ASTC_BLOCKS[13], 16, Astc),
    format(0x93D0, ASTC_BLOCKS[0], 16, Astc),
    format(0x93D1, ASTC_BLOCKS[1], 16, Astc),
    format(0x93D2, ASTC_BLOCKS[2], 16, Astc),
    format(0x93D3, ASTC_BLOCKS[3], 16, Astc),
    format(0x93D4, ASTC_BLOCKS[4], 16, Astc),
    format(0x93D5, ASTC_BLOCKS[5], 16, Astc),
    format(0x93D6, ASTC_BLOCKS[6], 16, Astc),
    format(0x93D7, ASTC_BLOCKS[7], 16, Astc),
    format(0x93D8, ASTC_BLOCKS[8], 16, Astc),
    format(0x93D9, ASTC_BLOCKS[9], 16, Astc),
    format(0x93DA, ASTC_BLOCKS[10], 16, Astc),
    format(0x93DB, ASTC_BLOCKS[11], 16, Astc),
    format(0x93DC, ASTC_BLOCKS[12], 16, Astc),
    format(0x93DD, ASTC_BLOCKS[13], 16, Astc),
    // EXT_texture_compression_bptc: RGBA unorm, SRGB ALPHA unorm, RGB signed/unsigned float.
    format(0x8E8C, (4, 4), 16, Bptc),
    format(0x8E8D, (4, 4), 16, Bptc),
    format(0x8E8E, (4, 4), 16, Bptc),
    format(0x8E8F, (4, 4), 16, Bptc),
    // EXT_texture_compression_rgtc: RED (unsigned, signed), RED_GREEN (unsigned, signed).
    format(0x8DBB, (4, 4), 8, Rgtc),
    format(0x8DBC, (4, 4), 8, Rgtc),
    format(0x8DBD, (4, 4), 16, Rgtc),
    format(0x8DBE, (4, 4), 16, Rgtc),
];

impl CompressedFormat {
    /// The S3TC (and sRGB S3TC), RGTC and BPTC formats: WebGL requires their levels to be whole
    /// blocks (<https://registry.khronos.org/webgl/extensions/WEBGL_compressed_texture_s3tc/>:
    /// "width << level and height << level must be multiples of 4"), where ETC and ASTC levels
    /// may end in partial blocks.
    fn whole_blocks_only(&self) -> bool {
        matches!(self.extension, S3tc | S3tcSrgb | Rgtc | Bptc)
    }

    /// Whether a level of `width`×`height` at `level` satisfies that rule.
    pub(super) fn level_size_allowed(&self, level: i32, width: i32, height: i32) -> bool {
        if !self.whole_blocks_only() {
            return true;
        }
        let shifted = |n: i32| (n as i64) << level.clamp(0, 31);
        shifted(width) % 4 == 0 && shifted(height) % 4 == 0
    }

    /// Whether the format may be a 3D target's (TEXTURE_3D: BPTC only, as in Chromium: S3TC,
    /// RGTC and ETC are 2D-array only and ASTC needs the HDR profile, not offered) or a 2D
    /// array's (every format but ETC1).
    pub(super) fn target_allowed(&self, target: u32) -> bool {
        match target {
            glow::TEXTURE_3D => self.extension == Bptc,
            glow::TEXTURE_2D_ARRAY => self.extension != Etc1,
            _ => true,
        }
    }

    /// The bytes a `width`×`height`×`depth` region holds: whole blocks in each direction
    /// (`floor((width + bw - 1) / bw) * floor((height + bh - 1) / bh) * bytes` per layer, as
    /// every one of the extensions gives it).
    pub(super) fn byte_size(&self, width: i32, height: i32, depth: i32) -> u64 {
        let blocks = |n: i32, b: u32| (n.max(0) as u64).div_ceil(u64::from(b));
        blocks(width, self.block.0) * blocks(height, self.block.1) * depth.max(0) as u64 * u64::from(self.bytes)
    }
}

/// The format `format` names, if it is a compressed one.
pub(super) fn lookup(format: u32) -> Option<&'static CompressedFormat> {
    FORMATS.iter().find(|f| f.format == format)
}

/// What a compressed upload reads: the page's bytes, or `size` bytes of the bound
/// PIXEL_UNPACK_BUFFER from `offset`.
pub(super) enum CompressedData {
    Bytes(Vec<u8>),
    Pbo { offset: i64, size: i32 },
}

impl CompressedData {
    fn len(&self) -> u64 {
        match self {
            CompressedData::Bytes(bytes) => bytes.len() as u64,
            CompressedData::Pbo { size, .. } => (*size).max(0) as u64,
        }
    }
}

/// Where a compressed upload goes: a level of the bound texture of `target`, and for a
/// sub-image the region's offset.
#[derive(Clone, Copy, Debug)]
pub(super) struct Region {
    pub(super) target: u32,
    pub(super) level: i32,
    pub(super) offset: (i32, i32, i32),
    pub(super) size: (i32, i32, i32),
    /// compressedTex(Sub)Image3D.
    pub(super) three_d: bool,
}

impl WebGLRenderingContext {
    /// COMPRESSED_TEXTURE_FORMATS: the formats of the enabled compressed-texture extensions.
    pub(super) fn compressed_texture_formats(&self) -> Vec<u32> {
        FORMATS.iter().filter(|f| self.enabled(f.extension)).map(|f| f.format).collect()
    }

    /// Whether `format` may be given to `texStorage2D()`/`texStorage3D()` as far as compression
    /// goes: not a compressed format, or one whose extension the page enabled (OpenGL ES knows
    /// them all).
    pub(super) fn compressed_format_usable(&self, format: u32) -> bool {
        lookup(format).is_none_or(|f| self.enabled(f.extension))
    }

    /// The compressed-format rules of `texStorage2D()`/`texStorage3D()` for `target` and level 0
    /// of `width`×`height`: INVALID_OPERATION where the format cannot have that target or size.
    pub(super) fn compressed_storage_allowed(&self, format: u32, target: u32, width: i32, height: i32) -> bool {
        let Some(f) = lookup(format) else { return true };
        if !f.target_allowed(target) || !f.level_size_allowed(0, width, height) {
            self.error(glow::INVALID_OPERATION);
            return false;
        }
        true
    }

    /// The format of an upload if its extension is enabled; INVALID_ENUM otherwise.
    fn enabled_compressed_format(&self, format: u32) -> Option<&'static CompressedFormat> {
        match lookup(format) {
            Some(f) if self.enabled(f.extension) => Some(f),
            _ => {
                self.error(glow::INVALID_ENUM);
                None
            }
        }
    }

    /// The largest side a level of `target` may have (0 for a level out of range).
    fn max_level_side(&self, target: u32, level: i32) -> i32 {
        let max = match target {
            glow::TEXTURE_2D | glow::TEXTURE_2D_ARRAY => self.limits.max_texture_size,
            glow::TEXTURE_3D => self.limits.max_3d_texture_size,
            _ => self.limits.max_cube_map_size,
        };
        if (0..32).contains(&level) { max >> level } else { 0 }
    }

    /// `compressedTexImage2D()`/`compressedTexImage3D()` once the arguments are resolved: the
    /// texture bound for the region's target (`bound`), the format enabled, the level, sizes
    /// and border in range, the data exactly as long as the format makes the region.
    pub(super) fn compressed_image(&self, region: Region, internalformat: u32, border: i32, data: CompressedData) {
        let bound = if region.three_d {
            if !matches!(region.target, glow::TEXTURE_3D | glow::TEXTURE_2D_ARRAY) {
                return self.error(glow::INVALID_ENUM);
            }
            self.texture_for(region.target, false)
        } else {
            self.texture_for(region.target, true)
        };
        let Some(texture) = bound else { return };
        let Some(format) = self.enabled_compressed_format(internalformat) else { return };
        let (width, height, depth) = region.size;
        let max = self.max_level_side(region.target, region.level);
        let max_depth =
            if region.target == glow::TEXTURE_2D_ARRAY { self.limits.max_array_texture_layers } else { max };
        if region.level < 0
            || width < 0
            || height < 0
            || depth < 0
            || border != 0
            || width > max
            || height > max
            || depth > max_depth
        {
            return self.error(glow::INVALID_VALUE);
        }
        // A cube map face is square.
        if !region.three_d && region.target != glow::TEXTURE_2D && width != height {
            return self.error(glow::INVALID_VALUE);
        }
        if !format.target_allowed(region.target) || !format.level_size_allowed(region.level, width, height) {
            return self.error(glow::INVALID_OPERATION);
        }
        if format.byte_size(width, height, depth) != data.len() {
            return self.error(glow::INVALID_VALUE);
        }
        if region.level == 0 {
            texture.set_size(width, height);
            texture.set_internal_format(internalformat);
        }
        let Region { target, level, three_d, .. } = region;
        let size = data.len() as i32;
        match data {
            CompressedData::Bytes(bytes) => gl_run!(self, move |gl| if three_d {
                gl.compressed_tex_image_3d(target, level, internalformat as i32, width, height, depth, 0, size, &bytes)
            } else {
                gl.compressed_tex_image_2d(target, level, internalformat as i32, width, height, 0, size, &bytes)
            }),
            CompressedData::Pbo { offset, .. } => {
                // glow has no buffer-offset form of CompressedTexImage*D: the level is made
                // from zeros (with the PIXEL_UNPACK_BUFFER unbound for that call), then filled
                // from the buffer by a sub-image upload of the whole level.
                let range = offset as u32..(offset as u32).saturating_add(size as u32);
                let pbo = self.gl2.pixel_unpack_buffer.get().map(|b| b.name());
                gl_run!(self, move |gl| {
                    let zeros = vec![0u8; size as usize];
                    gl.bind_buffer(glow::PIXEL_UNPACK_BUFFER, None);
                    if three_d {
                        gl.compressed_tex_image_3d(
                            target,
                            level,
                            internalformat as i32,
                            width,
                            height,
                            depth,
                            0,
                            size,
                            &zeros,
                        );
                    } else {
                        gl.compressed_tex_image_2d(
                            target,
                            level,
                            internalformat as i32,
                            width,
                            height,
                            0,
                            size,
                            &zeros,
                        );
                    }
                    gl.bind_buffer(glow::PIXEL_UNPACK_BUFFER, pbo);
                    let source = CompressedPixelUnpackData::BufferRange(range);
                    if three_d {
                        gl.compressed_tex_sub_image_3d(
                            target,
                            level,
                            0,
                            0,
                            0,
                            width,
                            height,
                            depth,
                            internalformat,
                            source,
                        );
                    } else {
                        gl.compressed_tex_sub_image_2d(target, level, 0, 0, width, height, internalformat, source);
                    }
                });
            }
        }
    }

    /// `compressedTexSubImage2D()`/`compressedTexSubImage3D()` once the arguments are resolved.
    pub(super) fn compressed_sub_image(&self, region: Region, format_enum: u32, data: CompressedData) {
        let bound = if region.three_d {
            if !matches!(region.target, glow::TEXTURE_3D | glow::TEXTURE_2D_ARRAY) {
                return self.error(glow::INVALID_ENUM);
            }
            self.texture_for(region.target, false)
        } else {
            self.texture_for(region.target, true)
        };
        if bound.is_none() {
            return;
        }
        let Some(format) = self.enabled_compressed_format(format_enum) else { return };
        let (x, y, z) = region.offset;
        let (width, height, depth) = region.size;
        if region.level < 0 || x < 0 || y < 0 || z < 0 || width < 0 || height < 0 || depth < 0 {
            return self.error(glow::INVALID_VALUE);
        }
        // WEBGL_compressed_texture_etc1: "compressedTexSubImage2D [...] is not supported by
        // this extension; calling it with this format generates INVALID_OPERATION".
        if format.format == ETC1_RGB8 || !format.target_allowed(region.target) {
            return self.error(glow::INVALID_OPERATION);
        }
        if format.byte_size(width, height, depth) != data.len() {
            return self.error(glow::INVALID_VALUE);
        }
        let Region { target, level, three_d, .. } = region;
        let source = match data {
            CompressedData::Bytes(bytes) => Err(bytes),
            CompressedData::Pbo { offset, size } => Ok(offset as u32..(offset as u32).saturating_add(size as u32)),
        };
        gl_run!(self, move |gl| {
            let pixels = match &source {
                Err(bytes) => CompressedPixelUnpackData::Slice(bytes),
                Ok(range) => CompressedPixelUnpackData::BufferRange(range.clone()),
            };
            if three_d {
                gl.compressed_tex_sub_image_3d(target, level, x, y, z, width, height, depth, format_enum, pixels);
            } else {
                gl.compressed_tex_sub_image_2d(target, level, x, y, width, height, format_enum, pixels);
            }
        });
    }
}
