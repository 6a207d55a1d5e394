//! Aperture's stand-in for `servo-malloc-size-of` 0.7.0, the memory-reporting crate of Servo
//! that servo-media's crates (and `servo-base`, which they use for channels) derive
//! `MallocSizeOf` from.
//!
//! The crates.io crate implements the trait for the types of the whole browser, so it depends
//! on stylo, webrender (with its C++ shader optimiser), taffy, tokio, resvg, vello and more:
//! about a third of Aperture's lockfile and several minutes of every cold build, none of it
//! used by the handful of servo-media entry points Aperture calls (`docs/architecture.md`,
//! "Dependencies"). The workspace's `[patch.crates-io]` puts this crate in its place. It keeps
//! the same crate name, version and public items those crates use (the trait, its `ops`
//! argument, the conditional trait that `#[conditional_malloc_size_of]` calls), and implements
//! them for the standard and channel types they hold.
//!
//! Aperture never asks servo-media for a memory report, so the sizes only need to be sound,
//! not complete: heap buffers are counted by their capacity, everything opaque (channels,
//! shared pointers, callbacks) as 0.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::hash::BuildHasher;
use std::sync::{Arc, Mutex, OnceLock, RwLock};

/// What a size measurement may consult. Servo's carries allocator hooks; here there are none,
/// and sizes are estimated from lengths and capacities.
#[derive(Default)]
pub struct MallocSizeOfOps {
    _private: (),
}

impl MallocSizeOfOps {
    /// A measurement context.
    pub fn new() -> Self {
        Self::default()
    }
}

/// The heap memory a value owns (not counting the value itself).
pub trait MallocSizeOf {
    /// Bytes of heap memory owned by `self`.
    fn size_of(&self, ops: &mut MallocSizeOfOps) -> usize;
}

/// The size of what a shared pointer points to, counted by whoever asks for it (the derive's
/// `#[conditional_malloc_size_of]` fields). Shared values are counted as 0 here: they have no
/// single owner to charge.
pub trait MallocConditionalSizeOf {
    /// Bytes of heap memory behind the shared pointer, if this measurement should count it.
    fn conditional_size_of(&self, ops: &mut MallocSizeOfOps) -> usize;
}

/// Types that own no heap memory.
macro_rules! size_is_zero {
    ($($ty:ty),* $(,)?) => {
        $(impl MallocSizeOf for $ty {
            fn size_of(&self, _ops: &mut MallocSizeOfOps) -> usize {
                0
            }
        })*
    };
}

size_is_zero!(
    (),
    bool,
    char,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    f32,
    f64,
    std::time::Duration,
    std::time::Instant,
    std::num::NonZeroU32,
    std::num::NonZeroU64,
    std::num::NonZeroUsize,
    std::ops::Range<u64>,
    std::ops::Range<usize>,
    uuid::Uuid,
    std::sync::atomic::AtomicBool,
    std::sync::atomic::AtomicU32,
    std::sync::atomic::AtomicU64,
    std::sync::atomic::AtomicUsize,
    std::sync::atomic::AtomicIsize,
);

impl MallocSizeOf for String {
    fn size_of(&self, _ops: &mut MallocSizeOfOps) -> usize {
        self.capacity()
    }
}

impl<T: ?Sized> MallocSizeOf for std::marker::PhantomData<T> {
    fn size_of(&self, _ops: &mut MallocSizeOfOps) -> usize {
        0
    }
}

impl<T: MallocSizeOf> MallocSizeOf for Option<T> {
    fn size_of(&self, ops: &mut MallocSizeOfOps) -> usize {
        self.as_ref().map_or(0, |v| v.size_of(ops))
    }
}

impl<T: MallocSizeOf, E: MallocSizeOf> MallocSizeOf for Result<T, E> {
    fn size_of(&self, ops: &mut MallocSizeOfOps) -> usize {
        match self {
            Ok(v) => v.size_of(ops),
            Err(e) => e.size_of(ops),
        }
    }
}

impl<T: MallocSizeOf + ?Sized> MallocSizeOf for Box<T> {
    fn size_of(&self, ops: &mut MallocSizeOfOps) -> usize {
        std::mem::size_of_val::<T>(self) + (**self).size_of(ops)
    }
}

impl<T: MallocSizeOf> MallocSizeOf for [T] {
    fn size_of(&self, ops: &mut MallocSizeOfOps) -> usize {
        self.iter().map(|v| v.size_of(ops)).sum()
    }
}

impl<T: MallocSizeOf, const N: usize> MallocSizeOf for [T; N] {
    fn size_of(&self, ops: &mut MallocSizeOfOps) -> usize {
        self.as_slice().size_of(ops)
    }
}

impl<T: MallocSizeOf> MallocSizeOf for Vec<T> {
    fn size_of(&self, ops: &mut MallocSizeOfOps) -> usize {
        self.capacity() * std::mem::size_of::<T>() + self.as_slice().size_of(ops)
    }
}

impl<T: MallocSizeOf> MallocSizeOf for VecDeque<T> {
    fn size_of(&self, ops: &mut MallocSizeOfOps) -> usize {
        self.capacity() * std::mem::size_of::<T>() + self.iter().map(|v| v.size_of(ops)).sum::<usize>()
    }
}

impl<K: MallocSizeOf, V: MallocSizeOf, S: BuildHasher> MallocSizeOf for HashMap<K, V, S> {
    fn size_of(&self, ops: &mut MallocSizeOfOps) -> usize {
        self.capacity() * std::mem::size_of::<(K, V)>()
            + self.iter().map(|(k, v)| k.size_of(ops) + v.size_of(ops)).sum::<usize>()
    }
}

impl<T: MallocSizeOf, S: BuildHasher> MallocSizeOf for HashSet<T, S> {
    fn size_of(&self, ops: &mut MallocSizeOfOps) -> usize {
        self.capacity() * std::mem::size_of::<T>() + self.iter().map(|v| v.size_of(ops)).sum::<usize>()
    }
}

impl<K: MallocSizeOf, V: MallocSizeOf> MallocSizeOf for BTreeMap<K, V> {
    fn size_of(&self, ops: &mut MallocSizeOfOps) -> usize {
        self.len() * std::mem::size_of::<(K, V)>()
            + self.iter().map(|(k, v)| k.size_of(ops) + v.size_of(ops)).sum::<usize>()
    }
}

macro_rules! tuple_size {
    ($($name:ident),+) => {
        impl<$($name: MallocSizeOf),+> MallocSizeOf for ($($name,)+) {
            #[allow(non_snake_case)]
            fn size_of(&self, ops: &mut MallocSizeOfOps) -> usize {
                let ($($name,)+) = self;
                0 $(+ $name.size_of(ops))+
            }
        }
    };
}
tuple_size!(A);
tuple_size!(A, B);
tuple_size!(A, B, C);
tuple_size!(A, B, C, D);

impl<T: MallocSizeOf> MallocSizeOf for Mutex<T> {
    fn size_of(&self, ops: &mut MallocSizeOfOps) -> usize {
        // A poisoned or busy lock is not waited for: measuring must never block.
        self.try_lock().map_or(0, |v| v.size_of(ops))
    }
}

impl<T: MallocSizeOf> MallocSizeOf for RwLock<T> {
    fn size_of(&self, ops: &mut MallocSizeOfOps) -> usize {
        self.try_read().map_or(0, |v| v.size_of(ops))
    }
}

impl<T: MallocSizeOf> MallocSizeOf for std::cell::RefCell<T> {
    fn size_of(&self, ops: &mut MallocSizeOfOps) -> usize {
        self.try_borrow().map_or(0, |v| v.size_of(ops))
    }
}

impl<T: MallocSizeOf + Copy> MallocSizeOf for std::cell::Cell<T> {
    fn size_of(&self, ops: &mut MallocSizeOfOps) -> usize {
        self.get().size_of(ops)
    }
}

impl<T: MallocSizeOf> MallocSizeOf for std::cell::OnceCell<T> {
    fn size_of(&self, ops: &mut MallocSizeOfOps) -> usize {
        self.get().map_or(0, |v| v.size_of(ops))
    }
}

impl<T: MallocSizeOf> MallocSizeOf for OnceLock<T> {
    fn size_of(&self, ops: &mut MallocSizeOfOps) -> usize {
        self.get().map_or(0, |v| v.size_of(ops))
    }
}

impl<T: ?Sized> MallocConditionalSizeOf for Arc<T> {
    fn conditional_size_of(&self, _ops: &mut MallocSizeOfOps) -> usize {
        0
    }
}

impl<T: MallocConditionalSizeOf> MallocConditionalSizeOf for Option<T> {
    fn conditional_size_of(&self, ops: &mut MallocSizeOfOps) -> usize {
        self.as_ref().map_or(0, |v| v.conditional_size_of(ops))
    }
}

/// Channels: what is queued in them is not counted (it cannot be reached without receiving).
macro_rules! channel_size_is_zero {
    ($($ty:ident)::+) => {
        impl<T> MallocSizeOf for $($ty)::+<T> {
            fn size_of(&self, _ops: &mut MallocSizeOfOps) -> usize {
                0
            }
        }
    };
}
channel_size_is_zero!(crossbeam_channel::Sender);
channel_size_is_zero!(crossbeam_channel::Receiver);
channel_size_is_zero!(std::sync::mpsc::Sender);
channel_size_is_zero!(std::sync::mpsc::Receiver);

impl<T> MallocSizeOf for ipc_channel::ipc::IpcSender<T> {
    fn size_of(&self, _ops: &mut MallocSizeOfOps) -> usize {
        0
    }
}

impl<T> MallocSizeOf for ipc_channel::ipc::IpcReceiver<T> {
    fn size_of(&self, _ops: &mut MallocSizeOfOps) -> usize {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containers_count_their_buffers() {
        let mut ops = MallocSizeOfOps::new();
        let v: Vec<u32> = Vec::with_capacity(8);
        assert_eq!(v.size_of(&mut ops), 32);
        let s = String::with_capacity(5);
        assert_eq!(Some(s).size_of(&mut ops), 5);
        assert_eq!(Arc::new(vec![1u8; 100]).conditional_size_of(&mut ops), 0);
    }
}
