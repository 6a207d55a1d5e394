//! The records of a database, as plain data (<https://w3c.github.io/IndexedDB/#object-store-construct>,
//! <https://w3c.github.io/IndexedDB/#index-construct>). Generic over the stored value `V` (the
//! DOM side stores serialized structured clones) so the storage operations and their constraint
//! checks are unit-tested without a page. Index keys are computed by the caller (evaluating an
//! index's key path needs the JavaScript value) and handed in with each record.
//!
//! Rollback: a transaction keeps a clone of the `Database` it started with
//! (`Database::clone`) and puts it back when it aborts — the spec's "revert all changes".

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;

use super::key::{Key, KeyGenerator, KeyPath, KeyRange};

/// A step failed with a "ConstraintError" DOMException.
#[derive(Debug, PartialEq)]
pub struct ConstraintError(pub &'static str);

/// <https://w3c.github.io/IndexedDB/#index-construct>: "An index … has a list of records which
/// hold the data stored in the index. The records in an index are automatically populated
/// whenever records in the referenced object store are inserted, updated or deleted."
#[derive(Clone, Debug)]
pub struct Index {
    /// Identifies the index across renames and rollbacks (index handles refer to it).
    pub id: u64,
    pub name: String,
    pub key_path: KeyPath,
    pub unique: bool,
    pub multi_entry: bool,
    /// (index key, primary key), "sorted by the records' keys … then by primary key".
    pub entries: BTreeSet<(Key, Key)>,
}

/// <https://w3c.github.io/IndexedDB/#object-store-construct>
#[derive(Clone, Debug)]
pub struct ObjectStore<V> {
    /// Identifies the store across renames and rollbacks (object store handles refer to it).
    pub id: u64,
    pub name: String,
    pub key_path: Option<KeyPath>,
    pub key_generator: Option<KeyGenerator>,
    /// "The list of records is sorted according to key in ascending order."
    pub records: BTreeMap<Key, V>,
    pub indexes: Vec<Index>,
}

/// <https://w3c.github.io/IndexedDB/#database-construct>: a name, a version and object stores.
#[derive(Clone, Debug)]
pub struct Database<V> {
    pub name: String,
    pub version: u64,
    pub stores: Vec<ObjectStore<V>>,
}

/// Range bounds of a key range, for `BTreeMap::range`; `None` for a range no key is in (a lower
/// bound above the upper one, or equal bounds with one open), which `BTreeMap::range` would
/// panic on. `KeyRange::bound` refuses those, but the fields are public.
fn bounds(range: &KeyRange) -> Option<(Bound<&Key>, Bound<&Key>)> {
    if let (Some(l), Some(u)) = (&range.lower, &range.upper) {
        match l.cmp(u) {
            std::cmp::Ordering::Greater => return None,
            std::cmp::Ordering::Equal if range.lower_open || range.upper_open => return None,
            _ => {}
        }
    }
    let lower = match &range.lower {
        None => Bound::Unbounded,
        Some(k) if range.lower_open => Bound::Excluded(k),
        Some(k) => Bound::Included(k),
    };
    let upper = match &range.upper {
        None => Bound::Unbounded,
        Some(k) if range.upper_open => Bound::Excluded(k),
        Some(k) => Bound::Included(k),
    };
    Some((lower, upper))
}

impl<V: Clone> ObjectStore<V> {
    pub fn new(id: u64, name: String, key_path: Option<KeyPath>, auto_increment: bool) -> ObjectStore<V> {
        ObjectStore {
            id,
            name,
            key_path,
            key_generator: auto_increment.then(KeyGenerator::default),
            records: BTreeMap::new(),
            indexes: Vec::new(),
        }
    }

    pub fn index(&self, name: &str) -> Option<&Index> {
        self.indexes.iter().find(|i| i.name == name)
    }

    /// <https://w3c.github.io/IndexedDB/#store-a-record-into-an-object-store>, from step 3 on
    /// (the caller has generated or extracted `key`). `index_keys[i]` are the keys for
    /// `self.indexes[i]` (already expanded for multiEntry; empty when the key path yields no
    /// valid key).
    pub fn store_record(
        &mut self,
        key: Key,
        value: V,
        index_keys: &[Vec<Key>],
        no_overwrite: bool,
    ) -> Result<(), ConstraintError> {
        // "3. If the no-overwrite flag was given … and a record already exists in store with
        // its key equal to key, then return … a ConstraintError DOMException."
        if no_overwrite && self.records.contains_key(&key) {
            return Err(ConstraintError("A record with this key already exists in the object store."));
        }
        // "5. For each index which references store: … If index's unique flag is true and
        // index contains a record with key equal to index key, then return … ConstraintError."
        // (Checked against the records other than the one being replaced, before any change.)
        for (index, keys) in self.indexes.iter().zip(index_keys) {
            if index.unique
                && keys.iter().any(|ik| {
                    index
                        .entries
                        .range((ik.clone(), Key::Number(f64::NEG_INFINITY))..)
                        .take_while(|(k, _)| k == ik)
                        .any(|(_, p)| *p != key)
                })
            {
                return Err(ConstraintError("A record with this index key already exists in a unique index."));
            }
        }
        // "4. If a record already exists in store with its key equal to key, then remove the
        // record from store using delete records from an object store."
        self.delete_key(&key);
        // "Store a record in store containing key as its key and value as its value."
        // "For each index …: store a record in index containing index key as its key and key as
        // its value."
        for (index, keys) in self.indexes.iter_mut().zip(index_keys) {
            for ik in keys {
                index.entries.insert((ik.clone(), key.clone()));
            }
        }
        // "2. If store uses a key generator … possibly update the key generator."
        if let Some(generator) = &mut self.key_generator {
            generator.possibly_update(&key);
        }
        self.records.insert(key, value);
        Ok(())
    }

    fn delete_key(&mut self, key: &Key) {
        if self.records.remove(key).is_some() {
            for index in &mut self.indexes {
                index.entries.retain(|(_, p)| p != key);
            }
        }
    }

    /// <https://w3c.github.io/IndexedDB/#delete-records-from-an-object-store>: "1. Remove all
    /// records, if any, from store's list of records with key in range. 2. For each index which
    /// references store, remove every record from index's list of records whose value is in
    /// range, if any such records exist."
    pub fn delete_range(&mut self, range: &KeyRange) {
        let Some(bounds) = bounds(range) else { return };
        let doomed: Vec<Key> = self.records.range(bounds).map(|(k, _)| k.clone()).collect();
        for key in &doomed {
            self.records.remove(key);
        }
        for index in &mut self.indexes {
            index.entries.retain(|(_, p)| !range.contains(p));
        }
    }

    /// <https://w3c.github.io/IndexedDB/#clear-an-object-store>
    pub fn clear(&mut self) {
        self.records.clear();
        for index in &mut self.indexes {
            index.entries.clear();
        }
    }

    /// The records with key in `range`, in ascending key order, at most `count` (0 = all) —
    /// the core of get, getAll, getAllKeys and count on a store.
    pub fn records_in(&self, range: &KeyRange, count: u32) -> Vec<(&Key, &V)> {
        let Some(bounds) = bounds(range) else { return Vec::new() };
        let iter = self.records.range(bounds);
        if count == 0 { iter.collect() } else { iter.take(count as usize).collect() }
    }

    /// The (index key, primary key) entries of an index with index key in `range`, ascending.
    /// A search in the index's sorted set: from the first entry at the lower bound, while in range.
    pub fn index_entries_in<'a>(&'a self, index: &'a Index, range: &KeyRange, count: u32) -> Vec<&'a (Key, Key)> {
        let start = match &range.lower {
            Some(lower) => Bound::Included((lower.clone(), Key::min())),
            None => Bound::Unbounded,
        };
        let iter = index
            .entries
            .range((start, Bound::Unbounded))
            .skip_while(|(k, _)| range.lower_open && range.lower.as_ref() == Some(k))
            .take_while(|(k, _)| range.contains(k));
        if count == 0 { iter.collect() } else { iter.take(count as usize).collect() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(x: f64) -> Key {
        Key::Number(x)
    }

    #[test]
    fn indexeddb_store_add_refuses_existing_key_put_replaces() {
        let mut s: ObjectStore<&str> = ObjectStore::new(0, "s".into(), None, false);
        assert_eq!(s.store_record(n(1.0), "a", &[], true), Ok(()));
        assert!(s.store_record(n(1.0), "b", &[], true).is_err());
        assert_eq!(s.store_record(n(1.0), "c", &[], false), Ok(()));
        assert_eq!(s.records.get(&n(1.0)), Some(&"c"));
    }

    #[test]
    fn indexeddb_store_unique_index_and_replacement() {
        let mut s: ObjectStore<&str> = ObjectStore::new(0, "s".into(), Some(KeyPath::String("id".into())), false);
        s.indexes.push(Index {
            id: 1,
            name: "by_email".into(),
            key_path: KeyPath::String("email".into()),
            unique: true,
            multi_entry: false,
            entries: BTreeSet::new(),
        });
        s.store_record(n(1.0), "one", &[vec![Key::string("a@x")]], false).unwrap();
        assert!(s.store_record(n(2.0), "two", &[vec![Key::string("a@x")]], false).is_err());
        assert_eq!(s.records.len(), 1);
        // Replacing record 1 with the same index key is not a conflict.
        s.store_record(n(1.0), "one'", &[vec![Key::string("a@x")]], false).unwrap();
        s.store_record(n(2.0), "two", &[vec![Key::string("b@x")]], false).unwrap();
        let idx = s.index("by_email").unwrap();
        let all = s.index_entries_in(idx, &KeyRange::unbounded(), 0);
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].1, n(2.0));
    }

    #[test]
    fn indexeddb_store_index_entries_in_a_range() {
        let mut s: ObjectStore<&str> = ObjectStore::new(0, "s".into(), None, false);
        s.indexes.push(Index {
            id: 1,
            name: "by_n".into(),
            key_path: KeyPath::String("n".into()),
            unique: false,
            multi_entry: false,
            entries: BTreeSet::new(),
        });
        // Index keys 1, 2, 2, 3, 4 on primary keys 10..15.
        for (primary, key) in [(10.0, 1.0), (11.0, 2.0), (12.0, 2.0), (13.0, 3.0), (14.0, 4.0)] {
            s.store_record(n(primary), "v", &[vec![n(key)]], false).unwrap();
        }
        let idx = s.index("by_n").unwrap();
        let primaries = |range: KeyRange, count: u32| -> Vec<Key> {
            s.index_entries_in(idx, &range, count).into_iter().map(|e| e.1.clone()).collect()
        };
        assert_eq!(primaries(KeyRange::only(n(2.0)), 0), vec![n(11.0), n(12.0)]);
        assert_eq!(primaries(KeyRange::bound(n(2.0), n(4.0), true, true).unwrap(), 0), vec![n(13.0)]);
        assert_eq!(primaries(KeyRange::bound(n(2.0), n(4.0), false, false).unwrap(), 2), vec![n(11.0), n(12.0)]);
        assert_eq!(primaries(KeyRange::unbounded(), 0).len(), 5);
        assert_eq!(primaries(KeyRange::only(n(5.0)), 0), Vec::<Key>::new());
    }

    #[test]
    fn indexeddb_store_delete_range_clear_and_generator() {
        let mut s: ObjectStore<u8> = ObjectStore::new(0, "s".into(), None, true);
        s.indexes.push(Index {
            id: 1,
            name: "tags".into(),
            key_path: KeyPath::String("tags".into()),
            unique: false,
            multi_entry: true,
            entries: BTreeSet::new(),
        });
        for i in 1..=5 {
            let key = n(s.key_generator.as_mut().unwrap().generate().unwrap());
            assert_eq!(key, n(i as f64));
            s.store_record(key, i, &[vec![Key::string("t"), Key::Number(i as f64)]], false).unwrap();
        }
        s.store_record(n(10.0), 10, &[vec![]], false).unwrap();
        assert_eq!(s.key_generator.as_mut().unwrap().generate(), Some(11.0));
        s.delete_range(&KeyRange::bound(n(2.0), n(4.0), false, true).unwrap());
        let keys: Vec<f64> = s
            .records_in(&KeyRange::unbounded(), 0)
            .iter()
            .map(|(k, _)| match k {
                Key::Number(x) => *x,
                _ => -1.0,
            })
            .collect();
        assert_eq!(keys, vec![1.0, 4.0, 5.0, 10.0]);
        assert_eq!(s.indexes[0].entries.len(), 6);
        assert_eq!(s.records_in(&KeyRange::unbounded(), 2).len(), 2);
        s.clear();
        assert!(s.records.is_empty() && s.indexes[0].entries.is_empty());
    }

    #[test]
    fn indexeddb_database_snapshot_restores_on_abort() {
        let mut db: Database<u8> =
            Database { name: "d".into(), version: 1, stores: vec![ObjectStore::new(0, "s".into(), None, false)] };
        let snapshot = db.clone();
        db.stores[0].store_record(n(1.0), 1, &[], false).unwrap();
        db.stores.push(ObjectStore::new(0, "t".into(), None, false));
        db = snapshot;
        assert_eq!(db.stores.len(), 1);
        assert!(db.stores[0].records.is_empty());
    }
}
