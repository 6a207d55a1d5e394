//! The WebGL object interfaces (<https://registry.khronos.org/webgl/specs/latest/1.0/#5.3>):
//! each holds the GL name the WebGL thread made for it and the state WebGL's checks need.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use webgl_traits::WebGLContextId;
use webgl_traits::glow;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::WebGLActiveInfoBinding::WebGLActiveInfoMethods;
use crate::dom::bindings::codegen::WebGLObjectBinding::WebGLObjectMethods;
use crate::dom::bindings::codegen::WebGLShaderPrecisionFormatBinding::WebGLShaderPrecisionFormatMethods;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot, MutNullableDom};
use crate::dom::bindings::str::{DOMString, USVString};
use crate::dom::bindings::trace::JSTraceable;
use crate::dom::html::window::Window;

/// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.3>: what every WebGL object has.
#[dom_struct]
pub struct WebGLObject {
    reflector_: Reflector,
    /// The context that made it (an object of another context is INVALID_OPERATION).
    #[no_trace]
    context: WebGLContextId,
    /// The object's "invalidated flag": `delete*()` ran.
    #[no_trace]
    deleted: Cell<bool>,
    /// Deletes the GL object when the page drops this one without deleting it (queued on its
    /// context, if the context still exists; see `WebGLRenderingContext::releaser`).
    #[no_trace]
    release: RefCell<Option<Box<dyn FnOnce()>>>,
    /// `label`, for the page's own debugging.
    #[no_trace]
    label: RefCell<String>,
}

impl WebGLObjectMethods for WebGLObject {
    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.3>
    fn Label(&self, _cx: &mut JSContext) -> USVString {
        USVString(self.label.borrow().clone())
    }

    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.3>
    fn SetLabel(&self, _cx: &mut JSContext, value: USVString) {
        *self.label.borrow_mut() = value.0;
    }
}

impl Drop for WebGLObject {
    fn drop(&mut self) {
        if let Some(release) = self.release.get_mut().take() {
            release();
        }
    }
}

impl WebGLObject {
    fn new_inherited(context: WebGLContextId) -> WebGLObject {
        WebGLObject {
            reflector_: Reflector::new(),
            context,
            deleted: Cell::new(false),
            release: RefCell::new(None),
            label: RefCell::new(String::new()),
        }
    }

    /// What deletes the GL object if the page drops this one undeleted.
    pub fn set_release(&self, release: Box<dyn FnOnce()>) {
        *self.release.borrow_mut() = Some(release);
    }

    /// The common part of an object of `context` defined elsewhere (an extension's).
    pub fn new_for(context: WebGLContextId) -> WebGLObject {
        WebGLObject::new_inherited(context)
    }

    /// The context that made this object.
    pub fn context(&self) -> WebGLContextId {
        self.context
    }

    /// Whether the object was deleted.
    pub fn is_deleted(&self) -> bool {
        self.deleted.get()
    }

    /// Marks the object deleted (its GL object is deleted by the caller, not on drop);
    /// returns whether it already was.
    pub fn mark_deleted(&self) -> bool {
        self.release.borrow_mut().take();
        self.deleted.replace(true)
    }
}

/// Gives a WebGL object type access to its `WebGLObject` part.
pub trait GlObject {
    /// The common part.
    fn object(&self) -> &WebGLObject;
}

macro_rules! gl_object {
    ($(#[$meta:meta])* $name:ident, $native:ty { $($(#[$fmeta:meta])* $field:ident : $ty:ty = $init:expr),* $(,)? }) => {
        $(#[$meta])*
        #[dom_struct]
        pub struct $name {
            object: WebGLObject,
            /// The GL name.
            #[no_trace]
            name: $native,
            $($(#[$fmeta])* $field: $ty,)*
        }

        impl $name {
            /// A new object for the GL name `name` of `context`.
            pub fn new(cx: &mut JSContext, window: &Window, context: WebGLContextId, name: $native) -> DomRoot<$name> {
                reflect_dom_object(
                    cx,
                    Box::new($name { object: WebGLObject::new_inherited(context), name, $($field: $init,)* }),
                    window,
                )
            }

            /// The GL name.
            pub fn name(&self) -> $native {
                self.name
            }
        }

        impl GlObject for $name {
            fn object(&self) -> &WebGLObject {
                &self.object
            }
        }
    };
}

gl_object!(
    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.4>
    WebGLBuffer, glow::NativeBuffer {
        /// The target it was first bound to (ARRAY_BUFFER or ELEMENT_ARRAY_BUFFER): WebGL
        /// forbids binding it to the other one afterwards.
        #[no_trace]
        target: Cell<Option<u32>> = Cell::new(None),
        /// BUFFER_SIZE, for the range checks of draws.
        #[no_trace]
        size: Cell<i64> = Cell::new(0),
        /// BUFFER_USAGE.
        #[no_trace]
        usage: Cell<u32> = Cell::new(0x88E4),
        /// An element array buffer's contents, kept to check that drawElements() reads only
        /// vertices that exist (<https://registry.khronos.org/webgl/specs/latest/1.0/#6.6>).
        #[no_trace]
        elements: RefCell<Vec<u8>> = RefCell::new(Vec::new()),
    }
);

impl WebGLBuffer {
    /// The target it is bound to for life, if it was bound.
    pub fn target(&self) -> Option<u32> {
        self.target.get()
    }
    /// Records the first binding's target.
    pub fn set_target(&self, target: u32) {
        self.target.set(Some(target));
    }
    /// The data store's size in bytes.
    pub fn size(&self) -> i64 {
        self.size.get()
    }
    /// BUFFER_USAGE.
    pub fn usage(&self) -> u32 {
        self.usage.get()
    }
    /// `bufferData()`: a new data store (its bytes kept for an element array buffer).
    pub fn set_data(&self, size: i64, usage: u32, data: Option<&[u8]>) {
        self.size.set(size);
        self.usage.set(usage);
        if self.target.get() == Some(ELEMENT_ARRAY_BUFFER) {
            let mut elements = self.elements.borrow_mut();
            elements.clear();
            match data {
                Some(data) => elements.extend_from_slice(data),
                None => elements.resize(size as usize, 0),
            }
        }
    }
    /// `bufferSubData()` of an element array buffer.
    pub fn set_sub_data(&self, offset: usize, data: &[u8]) {
        if self.target.get() == Some(ELEMENT_ARRAY_BUFFER) {
            let mut elements = self.elements.borrow_mut();
            if let Some(range) = elements.get_mut(offset..offset + data.len()) {
                range.copy_from_slice(data);
            }
        }
    }
    /// The largest index among `count` indices of `index_size` bytes from `offset`, or `None`
    /// when they do not all lie in the buffer.
    /// With `restart`, the primitive restart index (the type's largest value) is skipped.
    pub fn max_index(&self, offset: usize, count: usize, index_size: usize, restart: bool) -> Option<u32> {
        let elements = self.elements.borrow();
        let bytes = elements.get(offset..offset.checked_add(count.checked_mul(index_size)?)?)?;
        let restart_index = match index_size {
            1 => u32::from(u8::MAX),
            2 => u32::from(u16::MAX),
            _ => u32::MAX,
        };
        let keep = |i: &u32| !restart || *i != restart_index;
        Some(match index_size {
            1 => bytes.iter().map(|b| u32::from(*b)).filter(keep).max().unwrap_or(0),
            2 => bytes
                .chunks_exact(2)
                .map(|b| u32::from(u16::from_ne_bytes([b[0], b[1]])))
                .filter(keep)
                .max()
                .unwrap_or(0),
            _ => bytes
                .chunks_exact(4)
                .map(|b| u32::from_ne_bytes([b[0], b[1], b[2], b[3]]))
                .filter(keep)
                .max()
                .unwrap_or(0),
        })
    }

    /// The kept bytes of an element array buffer (for a copy between two of them).
    pub fn elements(&self) -> std::cell::Ref<'_, Vec<u8>> {
        self.elements.borrow()
    }
}

const ELEMENT_ARRAY_BUFFER: u32 = 0x8893;

gl_object!(
    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.5>
    WebGLFramebuffer, glow::NativeFramebuffer {
        /// Bound at least once (a framebuffer exists in GL only from its first binding).
        #[no_trace]
        bound: Cell<bool> = Cell::new(false),
        /// What is attached, by attachment point (COLOR_ATTACHMENT0..15, DEPTH_ATTACHMENT,
        /// STENCIL_ATTACHMENT, DEPTH_STENCIL_ATTACHMENT): FRAMEBUFFER_ATTACHMENT_OBJECT_NAME
        /// answers with the object.
        textures: [MutNullableDom<WebGLTexture>; ATTACHMENT_POINTS] = Default::default(),
        renderbuffers: [MutNullableDom<WebGLRenderbuffer>; ATTACHMENT_POINTS] = Default::default(),
        /// WebGL 2.0's DRAW_BUFFERi (`drawBuffers()`).
        #[no_trace]
        draw_buffers: RefCell<Vec<u32>> = RefCell::new(vec![0x8CE0]),
    }
);

/// Attachment points a framebuffer records: 16 colour attachments, depth, stencil and
/// depth-stencil.
const ATTACHMENT_POINTS: usize = 19;

/// The index of an attachment point in a framebuffer's tables.
fn attachment_index(attachment: u32) -> Option<usize> {
    match attachment {
        0x8CE0..=0x8CEF => Some((attachment - 0x8CE0) as usize),
        0x8D00 => Some(16),
        0x8D20 => Some(17),
        0x821A => Some(18),
        _ => None,
    }
}

impl WebGLFramebuffer {
    /// Records what was attached at `attachment` (a texture, a renderbuffer, or nothing).
    pub fn attach(&self, attachment: u32, texture: Option<&WebGLTexture>, renderbuffer: Option<&WebGLRenderbuffer>) {
        let Some(index) = attachment_index(attachment) else { return };
        self.textures[index].set(texture);
        self.renderbuffers[index].set(renderbuffer);
    }
    /// The texture attached at `attachment`.
    pub fn attached_texture(&self, attachment: u32) -> Option<DomRoot<WebGLTexture>> {
        self.textures[attachment_index(attachment)?].get()
    }
    /// The renderbuffer attached at `attachment`.
    pub fn attached_renderbuffer(&self, attachment: u32) -> Option<DomRoot<WebGLRenderbuffer>> {
        self.renderbuffers[attachment_index(attachment)?].get()
    }
    /// A deleted texture is detached from every point of the bound framebuffer (as GL does).
    pub fn detach_texture(&self, texture: &WebGLTexture) {
        for slot in &self.textures {
            if slot.get().is_some_and(|t| std::ptr::eq(&*t, texture)) {
                slot.set(None);
            }
        }
    }
    /// A deleted renderbuffer is detached from every point of the bound framebuffer.
    pub fn detach_renderbuffer(&self, renderbuffer: &WebGLRenderbuffer) {
        for slot in &self.renderbuffers {
            if slot.get().is_some_and(|r| std::ptr::eq(&*r, renderbuffer)) {
                slot.set(None);
            }
        }
    }
    /// The size of the first attachment (colour first), for clipping reads.
    pub fn size(&self) -> Option<(i32, i32)> {
        (0..ATTACHMENT_POINTS).find_map(|i| {
            self.textures[i].get().map(|t| t.size()).or_else(|| self.renderbuffers[i].get().map(|r| r.size()))
        })
    }
    /// Notes a binding.
    pub fn set_bound(&self) {
        self.bound.set(true);
    }
    /// Whether it was ever bound.
    pub fn was_bound(&self) -> bool {
        self.bound.get()
    }
    /// DRAW_BUFFERi.
    pub fn draw_buffer(&self, index: usize) -> u32 {
        self.draw_buffers.borrow().get(index).copied().unwrap_or(0)
    }
    /// Records `drawBuffers()`.
    pub fn set_draw_buffers(&self, buffers: Vec<u32>) {
        *self.draw_buffers.borrow_mut() = buffers;
    }
    /// The internal format of what is attached at `attachment` (0: nothing).
    pub fn attached_format(&self, attachment: u32) -> u32 {
        if let Some(texture) = self.attached_texture(attachment) {
            return texture.internal_format();
        }
        self.attached_renderbuffer(attachment).map_or(0, |r| r.internal_format())
    }
    /// The internal formats of the colour attachments.
    pub fn color_formats(&self) -> Vec<u32> {
        (0..16).map(|i| self.attached_format(0x8CE0 + i)).filter(|f| *f != 0).collect()
    }
}

gl_object!(
    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.7>
    WebGLRenderbuffer, glow::NativeRenderbuffer {
        /// Bound at least once.
        #[no_trace]
        bound: Cell<bool> = Cell::new(false),
        /// The storage's size.
        #[no_trace]
        size: Cell<(i32, i32)> = Cell::new((0, 0)),
        /// The storage's internal format.
        #[no_trace]
        internal_format: Cell<u32> = Cell::new(0),
    }
);

impl WebGLRenderbuffer {
    /// The storage's internal format (0: no storage).
    pub fn internal_format(&self) -> u32 {
        self.internal_format.get()
    }
    /// Records the storage's internal format.
    pub fn set_internal_format(&self, format: u32) {
        self.internal_format.set(format);
    }
    /// The storage's size.
    pub fn size(&self) -> (i32, i32) {
        self.size.get()
    }
    /// Records `renderbufferStorage()`'s size.
    pub fn set_size(&self, width: i32, height: i32) {
        self.size.set((width, height));
    }
    /// Notes a binding.
    pub fn set_bound(&self) {
        self.bound.set(true);
    }
    /// Whether it was ever bound.
    pub fn was_bound(&self) -> bool {
        self.bound.get()
    }
}

gl_object!(
    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.9>
    WebGLTexture, glow::NativeTexture {
        /// The target it was first bound to (TEXTURE_2D or TEXTURE_CUBE_MAP).
        #[no_trace]
        target: Cell<Option<u32>> = Cell::new(None),
        /// Level 0's size (a cube map's last specified face), for WebGL 1's power-of-two rules.
        #[no_trace]
        size: Cell<(i32, i32)> = Cell::new((0, 0)),
        /// The page's TEXTURE_MIN_FILTER, TEXTURE_WRAP_S and TEXTURE_WRAP_T.
        #[no_trace]
        sampling: Cell<(u32, u32, u32)> = Cell::new((0x2702, 0x2901, 0x2901)),
        /// Level 0's internal format (WebGL 2.0's framebuffer completeness and clear checks).
        #[no_trace]
        internal_format: Cell<u32> = Cell::new(0),
    }
);

/// TEXTURE_MIN_FILTER values that read mipmaps.
fn mipmap_filter(filter: u32) -> bool {
    (0x2700..=0x2703).contains(&filter)
}

const CLAMP_TO_EDGE: u32 = 0x812F;

impl WebGLTexture {
    /// The target it is bound to for life, if it was bound.
    pub fn target(&self) -> Option<u32> {
        self.target.get()
    }
    /// Records the first binding's target.
    pub fn set_target(&self, target: u32) {
        self.target.set(Some(target));
    }
    /// Level 0's size.
    pub fn size(&self) -> (i32, i32) {
        self.size.get()
    }
    /// Records level 0's size.
    pub fn set_size(&self, width: i32, height: i32) {
        self.size.set((width, height));
    }
    /// Level 0's internal format (0: not specified).
    pub fn internal_format(&self) -> u32 {
        self.internal_format.get()
    }
    /// Records level 0's internal format.
    pub fn set_internal_format(&self, format: u32) {
        self.internal_format.set(format);
    }
    /// Whether level 0 has power-of-two sides.
    pub fn is_power_of_two(&self) -> bool {
        let (w, h) = self.size.get();
        (w as u32).is_power_of_two() && (h as u32).is_power_of_two()
    }
    /// Records a sampling parameter the page set.
    pub fn set_sampling(&self, pname: u32, value: u32) {
        let (mut min, mut s, mut t) = self.sampling.get();
        match pname {
            0x2801 => min = value,
            0x2802 => s = value,
            0x2803 => t = value,
            _ => {}
        }
        self.sampling.set((min, s, t));
    }
    /// The page's TEXTURE_MIN_FILTER.
    pub fn min_filter(&self) -> u32 {
        self.sampling.get().0
    }
    /// The minification filter GL gets: WebGL 1 samples a non-power-of-two texture that
    /// repeats or reads mipmaps as incomplete (black,
    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#TEXTURES_NPOT>), which OpenGL ES 3
    /// does not; a mipmap filter over its single level makes it incomplete there too.
    pub fn effective_min_filter(&self) -> u32 {
        let (min, s, t) = self.sampling.get();
        let (w, h) = self.size.get();
        let npot = w > 0 && h > 0 && !self.is_power_of_two();
        if npot && (s != CLAMP_TO_EDGE || t != CLAMP_TO_EDGE || mipmap_filter(min)) { 0x2700 } else { min }
    }
}

gl_object!(
    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.8>
    WebGLShader, glow::NativeShader {
        /// VERTEX_SHADER or FRAGMENT_SHADER (set once, by `new_of_kind`).
        #[no_trace]
        kind: Cell<u32> = Cell::new(0),
        /// The source `shaderSource()` gave (`getShaderSource()` returns it as given).
        #[no_trace]
        source: RefCell<String> = RefCell::new(String::new()),
        /// Programs it is attached to (deleting it then only flags it).
        #[no_trace]
        attachments: Cell<u32> = Cell::new(0),
        /// The source given to OpenGL ES at the last `compileShader()` (WEBGL_debug_shaders).
        #[no_trace]
        compiled: RefCell<String> = RefCell::new(String::new()),
    }
);

impl WebGLShader {
    /// The source given to OpenGL ES at the last compilation ("" before any).
    pub fn compiled_source(&self) -> String {
        self.compiled.borrow().clone()
    }

    /// Records the source given to OpenGL ES.
    pub fn set_compiled_source(&self, source: String) {
        *self.compiled.borrow_mut() = source;
    }

    /// A shader of `kind`.
    pub fn new_of_kind(
        cx: &mut JSContext,
        window: &Window,
        context: WebGLContextId,
        name: glow::NativeShader,
        kind: u32,
    ) -> DomRoot<WebGLShader> {
        let shader = WebGLShader::new(cx, window, context, name);
        shader.kind.set(kind);
        shader
    }
    /// VERTEX_SHADER or FRAGMENT_SHADER.
    pub fn kind(&self) -> u32 {
        self.kind.get()
    }
    /// The source as given.
    pub fn source(&self) -> String {
        self.source.borrow().clone()
    }
    /// Replaces the source.
    pub fn set_source(&self, source: String) {
        *self.source.borrow_mut() = source;
    }
    /// Counts an attachment to a program (+1) or a detachment (-1).
    pub fn attached(&self, delta: i32) {
        self.attachments.set(self.attachments.get().saturating_add_signed(delta));
    }
}

/// An active attribute or uniform of a linked program, as GL reported it.
#[derive(Clone, Debug)]
pub struct ActiveVariable {
    /// The name (`u[0]` for an array uniform).
    pub name: String,
    /// The GL type (FLOAT_VEC4, SAMPLER_2D…).
    pub kind: u32,
    /// The array size (1 for a non-array).
    pub size: i32,
    /// An attribute's location (-1 for a uniform).
    pub location: i32,
}

/// What a successful link left in a program.
#[derive(Clone, Debug, Default)]
pub struct LinkedProgram {
    /// The active attributes.
    pub attributes: Vec<ActiveVariable>,
    /// The active uniforms (without the hidden ones Aperture adds).
    pub uniforms: Vec<ActiveVariable>,
    /// GL's index of the hidden uniform that carries WEBGL_multi_draw's `gl_DrawID`, which the
    /// page's indices skip.
    pub hidden_uniform: Option<u32>,
    /// The location of that uniform, set before each draw.
    pub draw_id: Option<glow::NativeUniformLocation>,
    /// Whether the fragment shader writes `gl_FragColor` (so only draw buffer 0).
    pub writes_frag_color: bool,
}

impl LinkedProgram {
    /// GL's uniform index for the page's `index` (which does not count the hidden uniform).
    pub fn gl_uniform_index(&self, index: u32) -> u32 {
        match self.hidden_uniform {
            Some(hidden) if index >= hidden => index + 1,
            _ => index,
        }
    }
    /// The page's uniform index for GL's `index` (INVALID_INDEX stays so; the hidden one has none).
    pub fn page_uniform_index(&self, index: u32) -> u32 {
        match self.hidden_uniform {
            Some(hidden) if index == hidden => glow::INVALID_INDEX,
            Some(hidden) if index > hidden && index != glow::INVALID_INDEX => index - 1,
            _ => index,
        }
    }
}

gl_object!(
    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.6>
    WebGLProgram, glow::NativeProgram {
        /// The attached vertex shader.
        vertex: MutNullableDom<WebGLShader> = MutNullableDom::default(),
        /// The attached fragment shader.
        fragment: MutNullableDom<WebGLShader> = MutNullableDom::default(),
        /// The last link's outcome (`None` before a successful link).
        #[no_trace]
        linked: RefCell<Option<Rc<LinkedProgram>>> = RefCell::new(None),
        /// The value last given to the hidden `gl_DrawID` uniform (GL sets 0 at link).
        #[no_trace]
        draw_id_value: Cell<i32> = Cell::new(0),
        /// Counts links, so that a uniform location of an earlier link is INVALID_OPERATION.
        #[no_trace]
        generation: Cell<u64> = Cell::new(0),
        /// Current program of its context (deleting it then only flags it).
        #[no_trace]
        in_use: Cell<bool> = Cell::new(false),
        /// Deleted while current: it stays usable until another program is made current.
        #[no_trace]
        delete_pending: Cell<bool> = Cell::new(false),
    }
);

impl WebGLProgram {
    /// The attached shader of `kind`.
    pub fn shader(&self, kind: u32) -> Option<DomRoot<WebGLShader>> {
        if kind == VERTEX_SHADER { self.vertex.get() } else { self.fragment.get() }
    }
    /// Attaches (or with `None`, detaches) the shader slot of `kind`.
    pub fn set_shader(&self, kind: u32, shader: Option<&WebGLShader>) {
        if kind == VERTEX_SHADER { self.vertex.set(shader) } else { self.fragment.set(shader) }
    }
    /// The attached shaders, vertex first.
    pub fn attached_shaders(&self) -> Vec<DomRoot<WebGLShader>> {
        self.vertex.get().into_iter().chain(self.fragment.get()).collect()
    }
    /// Records a link: `Some` when it succeeded.
    pub fn set_linked(&self, linked: Option<LinkedProgram>) {
        *self.linked.borrow_mut() = linked.map(Rc::new);
        self.generation.set(self.generation.get() + 1);
        self.draw_id_value.set(0);
    }
    /// The last successful link's variables, if the last link succeeded.
    pub fn linked(&self) -> Option<Rc<LinkedProgram>> {
        self.linked.borrow().clone()
    }
    /// Notes `value` given to the hidden `gl_DrawID` uniform; false if it already had it.
    pub fn set_draw_id_value(&self, value: i32) -> bool {
        self.draw_id_value.replace(value) != value
    }
    /// Whether the last link succeeded.
    pub fn is_linked(&self) -> bool {
        self.linked.borrow().is_some()
    }
    /// Which link this is.
    pub fn generation(&self) -> u64 {
        self.generation.get()
    }
    /// Whether it is its context's current program.
    pub fn in_use(&self) -> bool {
        self.in_use.get()
    }
    /// Notes `useProgram()` of it (true) or of another program (false); a program deleted
    /// while current is deleted for good when it stops being current.
    pub fn set_in_use(&self, in_use: bool) {
        self.in_use.set(in_use);
        if !in_use && self.delete_pending.replace(false) {
            self.object.mark_deleted();
        }
    }
    /// `deleteProgram()` of the current program: flagged, deleted when no longer current.
    /// Returns false if it was already deleted or flagged.
    pub fn request_delete(&self) -> bool {
        if self.object.is_deleted() || self.delete_pending.get() {
            return false;
        }
        if self.in_use.get() {
            self.delete_pending.set(true);
        } else {
            self.object.mark_deleted();
        }
        true
    }
    /// DELETE_STATUS: deleted or flagged for deletion.
    pub fn delete_status(&self) -> bool {
        self.object.is_deleted() || self.delete_pending.get()
    }
}

const VERTEX_SHADER: u32 = 0x8B31;

/// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.10>
#[dom_struct]
pub struct WebGLUniformLocation {
    reflector_: Reflector,
    #[no_trace]
    context: WebGLContextId,
    /// The program and link it belongs to.
    program: Dom<WebGLProgram>,
    #[no_trace]
    generation: u64,
    #[no_trace]
    location: glow::NativeUniformLocation,
    /// The uniform's GL type and the element of an array it names.
    #[no_trace]
    kind: u32,
    /// Elements from this location to the array's end (1 for a non-array).
    #[no_trace]
    remaining: i32,
}

impl WebGLUniformLocation {
    /// A location in the current link of `program`.
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        program: &WebGLProgram,
        location: glow::NativeUniformLocation,
        kind: u32,
        remaining: i32,
    ) -> DomRoot<WebGLUniformLocation> {
        reflect_dom_object(
            cx,
            Box::new(WebGLUniformLocation {
                reflector_: Reflector::new(),
                context: program.object().context(),
                program: Dom::from_ref(program),
                generation: program.generation(),
                location,
                kind,
                remaining,
            }),
            window,
        )
    }
    /// The context that made it.
    pub fn context(&self) -> WebGLContextId {
        self.context
    }
    /// The program it belongs to.
    pub fn program(&self) -> DomRoot<WebGLProgram> {
        self.program.as_rooted()
    }
    /// Whether it belongs to the program's current link.
    pub fn is_current(&self) -> bool {
        self.generation == self.program.generation()
    }
    /// The GL location.
    pub fn location(&self) -> glow::NativeUniformLocation {
        self.location
    }
    /// The uniform's GL type.
    pub fn kind(&self) -> u32 {
        self.kind
    }
    /// Array elements from this location on.
    pub fn remaining(&self) -> i32 {
        self.remaining
    }
}

/// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.11>
#[dom_struct]
pub struct WebGLActiveInfo {
    reflector_: Reflector,
    #[no_trace]
    size: i32,
    #[no_trace]
    kind: u32,
    #[no_trace]
    name: String,
}

impl WebGLActiveInfo {
    /// The info of one active variable.
    pub fn new(cx: &mut JSContext, window: &Window, variable: &ActiveVariable) -> DomRoot<WebGLActiveInfo> {
        reflect_dom_object(
            cx,
            Box::new(WebGLActiveInfo {
                reflector_: Reflector::new(),
                size: variable.size,
                kind: variable.kind,
                name: variable.name.clone(),
            }),
            window,
        )
    }
}

impl WebGLActiveInfoMethods for WebGLActiveInfo {
    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.11>
    fn Size(&self, _cx: &mut JSContext) -> i32 {
        self.size
    }
    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.11>
    fn Type(&self, _cx: &mut JSContext) -> u32 {
        self.kind
    }
    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.11>
    fn Name(&self, _cx: &mut JSContext) -> DOMString {
        DOMString::from(self.name.as_str())
    }
}

/// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.12>
#[dom_struct]
pub struct WebGLShaderPrecisionFormat {
    reflector_: Reflector,
    #[no_trace]
    range_min: i32,
    #[no_trace]
    range_max: i32,
    #[no_trace]
    precision: i32,
}

impl WebGLShaderPrecisionFormat {
    /// A format as GL reported it.
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        range_min: i32,
        range_max: i32,
        precision: i32,
    ) -> DomRoot<WebGLShaderPrecisionFormat> {
        reflect_dom_object(
            cx,
            Box::new(WebGLShaderPrecisionFormat { reflector_: Reflector::new(), range_min, range_max, precision }),
            window,
        )
    }
}

impl WebGLShaderPrecisionFormatMethods for WebGLShaderPrecisionFormat {
    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.12>
    fn RangeMin(&self, _cx: &mut JSContext) -> i32 {
        self.range_min
    }
    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.12>
    fn RangeMax(&self, _cx: &mut JSContext) -> i32 {
        self.range_max
    }
    /// <https://registry.khronos.org/webgl/specs/latest/1.0/#5.12>
    fn Precision(&self, _cx: &mut JSContext) -> i32 {
        self.precision
    }
}

/// One vertex attribute's array state (<https://registry.khronos.org/webgl/specs/latest/1.0/#5.14.10>).
#[derive(JSTraceable)]
pub struct VertexAttrib {
    pub buffer: MutNullableDom<WebGLBuffer>,
    #[no_trace]
    pub enabled: Cell<bool>,
    #[no_trace]
    pub size: Cell<i32>,
    #[no_trace]
    pub kind: Cell<u32>,
    #[no_trace]
    pub normalized: Cell<bool>,
    #[no_trace]
    pub stride: Cell<i32>,
    #[no_trace]
    pub offset: Cell<i64>,
    /// ANGLE_instanced_arrays' divisor (0: per vertex).
    #[no_trace]
    pub divisor: Cell<u32>,
    /// Set by WebGL 2's `vertexAttribIPointer()` (VERTEX_ATTRIB_ARRAY_INTEGER).
    #[no_trace]
    pub integer: Cell<bool>,
}

impl VertexAttrib {
    fn new() -> VertexAttrib {
        VertexAttrib {
            buffer: MutNullableDom::default(),
            enabled: Cell::new(false),
            size: Cell::new(4),
            kind: Cell::new(glow::FLOAT),
            normalized: Cell::new(false),
            stride: Cell::new(0),
            offset: Cell::new(0),
            divisor: Cell::new(0),
            integer: Cell::new(false),
        }
    }

    /// Back to the initial state (a restored context).
    fn reset(&self) {
        self.buffer.set(None);
        self.enabled.set(false);
        self.size.set(4);
        self.kind.set(glow::FLOAT);
        self.normalized.set(false);
        self.stride.set(0);
        self.offset.set(0);
        self.divisor.set(0);
        self.integer.set(false);
    }
}

/// What a vertex array object holds: the element array buffer binding and the attribute arrays
/// (the context's default one, or an OES_vertex_array_object's).
#[derive(JSTraceable)]
pub struct VertexArrayState {
    pub element_array_buffer: MutNullableDom<WebGLBuffer>,
    pub attribs: Box<[VertexAttrib]>,
}

impl VertexArrayState {
    /// The initial state with `attribs` attributes.
    pub fn new(attribs: usize) -> VertexArrayState {
        VertexArrayState {
            element_array_buffer: MutNullableDom::default(),
            attribs: (0..attribs).map(|_| VertexAttrib::new()).collect(),
        }
    }

    /// Back to the initial state (a restored context's default vertex array).
    pub fn reset(&self) {
        self.element_array_buffer.set(None);
        for attrib in self.attribs.iter() {
            attrib.reset();
        }
    }

    /// Forgets `buffer` wherever this state refers to it (the buffer was deleted).
    pub fn unbind_buffer(&self, buffer: &WebGLBuffer) {
        if self.element_array_buffer.get().is_some_and(|b| std::ptr::eq(&*b, buffer)) {
            self.element_array_buffer.set(None);
        }
        for attrib in self.attribs.iter() {
            if attrib.buffer.get().is_some_and(|b| std::ptr::eq(&*b, buffer)) {
                attrib.buffer.set(None);
            }
        }
    }
}

gl_object!(
    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.2>
    WebGLQuery, glow::NativeQuery {
        /// The target of its first `beginQuery()` (a query keeps it for life).
        #[no_trace]
        target: Cell<Option<u32>> = Cell::new(None),
        /// The microtask checkpoint count when it last ended (its result is available only
        /// after control returned to the event loop).
        #[no_trace]
        ended_at: Cell<Option<u64>> = Cell::new(None),
    }
);

impl WebGLQuery {
    /// The target it was begun with, if it was.
    pub fn target(&self) -> Option<u32> {
        self.target.get()
    }
    /// Records the target of its first `beginQuery()`.
    pub fn set_target(&self, target: u32) {
        self.target.set(Some(target));
    }
    /// When it last ended (`None`: running or never ended).
    pub fn ended_at(&self) -> Option<u64> {
        self.ended_at.get()
    }
    /// Records its beginning (`None`) or end.
    pub fn set_ended_at(&self, at: Option<u64>) {
        self.ended_at.set(at);
    }
}

gl_object!(
    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.3>
    WebGLSampler, glow::NativeSampler {}
);

/// A GL sync object's handle, as script holds it.
#[derive(Clone, Copy, Debug)]
pub struct SyncHandle(pub glow::NativeFence);

// SAFETY: the handle is an opaque name GL gave; script only stores it and hands it back to the
// WebGL thread, where GL (the only code that dereferences it) uses it with its own context.
unsafe impl Send for SyncHandle {}

gl_object!(
    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.4>: a fence; its status is
    /// read from GL when the page asks.
    WebGLSync, SyncHandle {
        /// The microtask checkpoint count when it was made (it is signalled at the earliest
        /// after control returned to the event loop).
        #[no_trace]
        made_at: Cell<u64> = Cell::new(crate::script_runtime::checkpoints()),
        /// Seen signalled (it stays so).
        #[no_trace]
        signaled: Cell<bool> = Cell::new(false),
    }
);

impl WebGLSync {
    /// When it was made.
    pub fn made_at(&self) -> u64 {
        self.made_at.get()
    }
    /// Whether it was seen signalled.
    pub fn signaled(&self) -> bool {
        self.signaled.get()
    }
    /// Records that GL signalled it.
    pub fn set_signaled(&self) {
        self.signaled.set(true);
    }
}

gl_object!(
    /// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.5>
    WebGLTransformFeedback, glow::NativeTransformFeedback {
        /// Bound at least once (`isTransformFeedback()` is false before).
        #[no_trace]
        bound: Cell<bool> = Cell::new(false),
        state: TransformFeedbackState = TransformFeedbackState::new(),
    }
);

impl WebGLTransformFeedback {
    /// Notes a binding.
    pub fn set_bound(&self) {
        self.bound.set(true);
    }
    /// Whether it was ever bound.
    pub fn was_bound(&self) -> bool {
        self.bound.get()
    }
    /// The state it holds.
    pub fn state(&self) -> &TransformFeedbackState {
        &self.state
    }
}

/// What a transform feedback object holds (the context's default one, or a
/// `WebGLTransformFeedback`'s).
#[derive(JSTraceable)]
pub struct TransformFeedbackState {
    /// Between `beginTransformFeedback()` and `endTransformFeedback()`.
    #[no_trace]
    pub active: Cell<bool>,
    /// Between `pauseTransformFeedback()` and `resumeTransformFeedback()`.
    #[no_trace]
    pub paused: Cell<bool>,
    /// The program in use when it began (it must stay in use while active).
    pub program: MutNullableDom<WebGLProgram>,
    /// TRANSFORM_FEEDBACK_BUFFER's indexed bindings.
    pub buffers: Box<[IndexedBinding]>,
}

impl Default for TransformFeedbackState {
    fn default() -> TransformFeedbackState {
        TransformFeedbackState::new()
    }
}

impl TransformFeedbackState {
    /// The initial state (MAX_TRANSFORM_FEEDBACK_SEPARATE_ATTRIBS is 4 in OpenGL ES 3.0).
    pub fn new() -> TransformFeedbackState {
        TransformFeedbackState {
            active: Cell::new(false),
            paused: Cell::new(false),
            program: MutNullableDom::default(),
            buffers: (0..4).map(|_| IndexedBinding::default()).collect(),
        }
    }

    /// Back to the initial state (a restored context's default transform feedback).
    pub fn reset(&self) {
        self.active.set(false);
        self.paused.set(false);
        self.program.set(None);
        for binding in self.buffers.iter() {
            binding.reset();
        }
    }
}

/// One indexed buffer binding point (`bindBufferBase()`/`bindBufferRange()`).
#[derive(Default, JSTraceable)]
pub struct IndexedBinding {
    pub buffer: MutNullableDom<WebGLBuffer>,
    /// The range's offset and size (0, 0 for `bindBufferBase()`).
    #[no_trace]
    pub range: Cell<(i64, i64)>,
}

impl IndexedBinding {
    /// Unbound.
    pub fn reset(&self) {
        self.buffer.set(None);
        self.range.set((0, 0));
    }
}

/// <https://registry.khronos.org/webgl/specs/latest/2.0/#3.6>: a vertex array object of
/// WebGL 2 and the state it holds.
#[dom_struct]
pub struct WebGLVertexArrayObject {
    object: WebGLObject,
    #[no_trace]
    name: glow::NativeVertexArray,
    state: VertexArrayState,
    /// Bound at least once (`isVertexArray()` is false before).
    #[no_trace]
    bound: Cell<bool>,
}

impl WebGLVertexArrayObject {
    /// A new vertex array object of `context` with `attribs` attribute slots.
    pub fn new(
        cx: &mut JSContext,
        window: &Window,
        context: WebGLContextId,
        name: glow::NativeVertexArray,
        attribs: usize,
    ) -> DomRoot<WebGLVertexArrayObject> {
        reflect_dom_object(
            cx,
            Box::new(WebGLVertexArrayObject {
                object: WebGLObject::new_inherited(context),
                name,
                state: VertexArrayState::new(attribs),
                bound: Cell::new(false),
            }),
            window,
        )
    }
    /// The GL name.
    pub fn name(&self) -> glow::NativeVertexArray {
        self.name
    }
    /// The state it holds.
    pub fn state(&self) -> &VertexArrayState {
        &self.state
    }
    /// Notes a binding.
    pub fn set_bound(&self) {
        self.bound.set(true);
    }
    /// Whether it was ever bound.
    pub fn was_bound(&self) -> bool {
        self.bound.get()
    }
}

impl GlObject for WebGLVertexArrayObject {
    fn object(&self) -> &WebGLObject {
        &self.object
    }
}
