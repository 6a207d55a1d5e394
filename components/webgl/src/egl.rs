//! EGL, loaded at run time: the display the WebGL thread makes its OpenGL ES 3.0 contexts on.
//!
//! `libEGL.so.1` is opened with `dlopen` (khronos-egl's `dynamic` feature), so a machine
//! without it still runs pages; every context creation then fails with the reason. The display
//! is Mesa's surfaceless platform (`EGL_MESA_platform_surfaceless`: no window system, llvmpipe
//! or a render node), and contexts are made current without a surface
//! (`EGL_KHR_surfaceless_context`). Where that platform is missing, the default display is
//! used, with one 1×1 pbuffer made current alongside every context.
//!
//! EGL displays are process-wide: `eglGetPlatformDisplay` hands every caller the same one, and
//! `eglTerminate` would end every context on it, including another engine's. So a
//! [`Display`] never terminates its display; it destroys its own contexts and surface and
//! releases its thread's EGL state.

use std::ffi::c_void;

use khronos_egl as egl;

/// The EGL entry points, at least EGL 1.4 (1.5 when the library has it).
type Egl = egl::DynamicInstance<egl::EGL1_4>;

/// `EGL_PLATFORM_SURFACELESS_MESA` (`EGL_MESA_platform_surfaceless`).
const PLATFORM_SURFACELESS_MESA: egl::Enum = 0x31DD;
/// `EGL_OPENGL_ES3_BIT` (EGL 1.5; `EGL_OPENGL_ES3_BIT_KHR` before).
const OPENGL_ES3_BIT: egl::Int = 0x40;
/// `EGL_CONTEXT_MAJOR_VERSION` (EGL 1.5), the same value as EGL 1.4's
/// `EGL_CONTEXT_CLIENT_VERSION`.
const CONTEXT_MAJOR_VERSION: egl::Int = 0x3098;

/// An initialized EGL display with the config every context of this thread uses.
pub(crate) struct Display {
    egl: Egl,
    display: egl::Display,
    config: egl::Config,
    /// The 1×1 pbuffer made current with every context when the display cannot make a context
    /// current without a surface.
    pbuffer: Option<egl::Surface>,
    /// What the display is, for logs.
    description: String,
}

/// Whether `list`, a space-separated EGL extension string, names `extension`.
fn has_extension(list: &str, extension: &str) -> bool {
    list.split_ascii_whitespace().any(|e| e == extension)
}

impl Display {
    /// Loads `libEGL.so.1` and opens a display on which OpenGL ES 3.0 contexts can be made.
    /// Call on the thread that will use the display (`eglBindAPI` is per thread).
    pub(crate) fn open() -> Result<Display, String> {
        // SAFETY: libEGL.so.1 is the system's EGL loader (libglvnd or Mesa), which implements
        // the EGL ABI khronos-egl declares; loading it runs no code of ours.
        let egl = unsafe { Egl::load_required() }.map_err(|e| format!("cannot load libEGL.so.1: {e}"))?;
        // Client extensions (EGL_EXT_client_extensions): the string of no display.
        let client_extensions =
            egl.query_string(None, egl::EXTENSIONS).map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let surfaceless_platform = has_extension(&client_extensions, "EGL_MESA_platform_surfaceless");
        let platform_display = match egl.upcast::<egl::EGL1_5>() {
            Some(egl15) if surfaceless_platform => {
                // SAFETY: the surfaceless platform takes no native display: its specification
                // requires EGL_DEFAULT_DISPLAY, which is what is passed.
                let display = unsafe {
                    egl15.get_platform_display(PLATFORM_SURFACELESS_MESA, egl::DEFAULT_DISPLAY, &[egl::ATTRIB_NONE])
                };
                match display {
                    Ok(display) => Some(display),
                    Err(error) => {
                        log::info!("no surfaceless EGL display ({error}); trying the default display");
                        None
                    }
                }
            }
            _ => None,
        };
        let (display, description) = match platform_display {
            Some(display) => (display, "the surfaceless platform"),
            None => {
                // SAFETY: EGL_DEFAULT_DISPLAY is the one native display id every platform
                // accepts.
                let display = unsafe { egl.get_display(egl::DEFAULT_DISPLAY) };
                (display.ok_or("no default EGL display")?, "the default display")
            }
        };
        let (major, minor) =
            egl.initialize(display).map_err(|e| format!("eglInitialize on {description} failed: {e}"))?;
        egl.bind_api(egl::OPENGL_ES_API).map_err(|e| format!("eglBindAPI(OpenGL ES) failed: {e}"))?;
        let display_extensions = egl
            .query_string(Some(display), egl::EXTENSIONS)
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let surfaceless = has_extension(&display_extensions, "EGL_KHR_surfaceless_context");
        // A mask attribute of 0 matches every config; the default would be EGL_WINDOW_BIT.
        let surface_type = if surfaceless { 0 } else { egl::PBUFFER_BIT };
        let attributes = [
            egl::RENDERABLE_TYPE,
            OPENGL_ES3_BIT,
            egl::SURFACE_TYPE,
            surface_type,
            egl::RED_SIZE,
            8,
            egl::GREEN_SIZE,
            8,
            egl::BLUE_SIZE,
            8,
            egl::ALPHA_SIZE,
            8,
            egl::NONE,
        ];
        let config = egl
            .choose_first_config(display, &attributes)
            .map_err(|e| format!("eglChooseConfig failed: {e}"))?
            .ok_or_else(|| format!("{description} has no OpenGL ES 3.0 config"))?;
        let pbuffer = if surfaceless {
            None
        } else {
            let size = [egl::WIDTH, 1, egl::HEIGHT, 1, egl::NONE];
            Some(
                egl.create_pbuffer_surface(display, config, &size)
                    .map_err(|e| format!("cannot make a 1×1 pbuffer on {description}: {e}"))?,
            )
        };
        let vendor = egl.query_string(Some(display), egl::VENDOR).map(|s| s.to_string_lossy().into_owned());
        let description = format!(
            "EGL {major}.{minor} ({}) on {description}{}",
            vendor.unwrap_or_default(),
            if surfaceless { "" } else { " with a pbuffer" }
        );
        Ok(Display { egl, display, config, pbuffer, description })
    }

    /// What the display is (EGL version, vendor, platform), for logs.
    pub(crate) fn description(&self) -> &str {
        &self.description
    }

    /// A new OpenGL ES 3.0 context, sharing nothing with the others.
    pub(crate) fn create_context(&self) -> Result<egl::Context, String> {
        let attributes = [CONTEXT_MAJOR_VERSION, 3, egl::NONE];
        self.egl
            .create_context(self.display, self.config, None, &attributes)
            .map_err(|e| format!("eglCreateContext (OpenGL ES 3.0) failed: {e}"))
    }

    /// Makes `context` current on this thread.
    pub(crate) fn make_current(&self, context: egl::Context) -> Result<(), String> {
        self.egl
            .make_current(self.display, self.pbuffer, self.pbuffer, Some(context))
            .map_err(|e| format!("eglMakeCurrent failed: {e}"))
    }

    /// Leaves this thread with no current context.
    pub(crate) fn release_current(&self) {
        if let Err(error) = self.egl.make_current(self.display, None, None, None) {
            log::warn!("releasing the current EGL context failed: {error}");
        }
    }

    /// Destroys `context` (not current on this thread any more, or it is destroyed when
    /// released).
    pub(crate) fn destroy_context(&self, context: egl::Context) {
        if let Err(error) = self.egl.destroy_context(self.display, context) {
            log::warn!("eglDestroyContext failed: {error}");
        }
    }

    /// The address of a GL function, for glow's loader (null when unknown).
    pub(crate) fn proc_address(&self, name: &str) -> *const c_void {
        self.egl.get_proc_address(name).map_or(std::ptr::null(), |f| f as *const c_void)
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        self.release_current();
        if let Some(pbuffer) = self.pbuffer.take()
            && let Err(error) = self.egl.destroy_surface(self.display, pbuffer)
        {
            log::warn!("eglDestroySurface failed: {error}");
        }
        // Not eglTerminate: the display is shared with every other user in the process.
        if let Err(error) = self.egl.release_thread() {
            log::warn!("eglReleaseThread failed: {error}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_lists_match_whole_names() {
        let list = "EGL_KHR_surfaceless_context EGL_MESA_platform_surfaceless_x";
        assert!(has_extension(list, "EGL_KHR_surfaceless_context"));
        assert!(!has_extension(list, "EGL_MESA_platform_surfaceless"));
        assert!(!has_extension("", "EGL_KHR_surfaceless_context"));
    }
}
