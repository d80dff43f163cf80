//! What the layers above derive from a network (the scores of an instant,
//! the canonical order of its ties), kept with the generation it was made
//! from. The model does not know what is kept: each layer keeps a value of
//! its own type, found by that type.

use std::any::Any;
use std::sync::{Arc, Mutex};

type Slot = (u64, Arc<dyn Any + Send + Sync>);

/// Values derived from one generation of a network, one per type.
#[derive(Default)]
pub(crate) struct Derived {
    slots: Mutex<Vec<Slot>>,
}

impl Derived {
    /// The value of type `T` derived from `generation`, made now if there
    /// is none: a value of another generation is never handed out.
    pub(crate) fn get_or_default<T: Default + Send + Sync + 'static>(
        &self,
        generation: u64,
    ) -> Arc<T> {
        // A panic elsewhere cannot leave the list half-changed: every
        // change below is one push or one retain.
        let mut slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
        slots.retain(|(g, _)| *g == generation);
        if let Some(found) = slots
            .iter()
            .find_map(|(_, value)| value.clone().downcast::<T>().ok())
        {
            return found;
        }
        let made = Arc::new(T::default());
        slots.push((generation, made.clone()));
        made
    }

    /// Drops every derived value (the network has changed).
    pub(crate) fn clear(&mut self) {
        self.slots
            .get_mut()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }
}

/// A copy of a network derives afresh.
impl Clone for Derived {
    fn clone(&self) -> Self {
        Derived::default()
    }
}

impl std::fmt::Debug for Derived {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.slots.lock().map_or(0, |s| s.len());
        write!(f, "Derived({n} values)")
    }
}
