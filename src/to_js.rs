//! Responses as plain JavaScript objects: a serde serializer that builds them with `new Object`,
//! `new Array`, `object[key] = value` and `Array.prototype.push`.
//!
//! It writes what `serde-wasm-bindgen`'s JSON-compatible serializer wrote, which it replaces:
//! structs and maps as objects, sequences and tuples as arrays, `None` and `()` as `null`,
//! numbers as numbers, a unit variant as its name. That crate handles every JavaScript type
//! (`BigInt`, `Map`, typed arrays) through `js-sys`, whose bindings bring dozens of closure
//! adapters into the module that nothing calls; the responses need none of it
//! (bench/size-table.md). Field names are turned into JavaScript strings once per instance and
//! kept, as that crate did, so a response costs one string conversion per value, not per key.

use std::cell::RefCell;
use std::fmt;

use serde::ser::{self, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = Object)]
    type JsObject;
    #[wasm_bindgen(constructor, js_class = "Object")]
    fn new() -> JsObject;
    #[wasm_bindgen(js_name = Array)]
    type JsArray;
    #[wasm_bindgen(constructor, js_class = "Array")]
    fn new() -> JsArray;
    #[wasm_bindgen(method, js_class = "Array", js_name = push)]
    fn push(this: &JsArray, value: &JsValue) -> u32;
    /// `object[key] = value`.
    #[wasm_bindgen(method, structural, indexing_setter)]
    fn set(this: &JsObject, key: &JsValue, value: &JsValue);
}

thread_local! {
    /// Field and variant names already turned into JavaScript strings, sorted by the address of
    /// the name (the names are `&'static str`s, one per field in the module). A sorted `Vec`
    /// rather than a hash map: a response's few dozen names are found in as few steps by binary
    /// search, and the module carries no hash table for them.
    static NAMES: RefCell<Vec<(usize, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// Calls `f` with the JavaScript string for a field or variant name, made once per name.
fn with_name<R>(key: &'static str, f: impl FnOnce(&JsValue) -> R) -> R {
    let address = key.as_ptr() as usize;
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        let at = match names.binary_search_by_key(&address, |(a, _)| *a) {
            Ok(at) => at,
            Err(at) => {
                names.insert(at, (address, JsValue::from_str(key)));
                at
            }
        };
        f(&names[at].1)
    })
}

/// `value` as a plain JavaScript value.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, Error> {
    value.serialize(Serializer)
}

/// Why a value could not be converted (a type the responses never hold).
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

fn unsupported(what: &str) -> Error {
    Error(format!("{what} cannot be sent to JavaScript"))
}

/// The serializer: each value becomes one [`JsValue`].
struct Serializer;

/// An array being filled.
pub struct Array(JsArray);

/// An object being filled; for a map, the key waiting for its value.
pub struct Object {
    object: JsObject,
    key: Option<JsValue>,
}

/// A variant with content: `{ variant: content }`.
pub struct Variant<T> {
    name: &'static str,
    content: T,
}

fn object() -> Object {
    Object { object: JsObject::new(), key: None }
}

fn wrap(variant: &'static str, content: JsValue) -> JsValue {
    let outer = JsObject::new();
    with_name(variant, |key| outer.set(key, &content));
    outer.into()
}

impl ser::Serializer for Serializer {
    type Ok = JsValue;
    type Error = Error;
    type SerializeSeq = Array;
    type SerializeTuple = Array;
    type SerializeTupleStruct = Array;
    type SerializeTupleVariant = Variant<Array>;
    type SerializeMap = Object;
    type SerializeStruct = Object;
    type SerializeStructVariant = Variant<Object>;

    fn serialize_bool(self, v: bool) -> Result<JsValue, Error> {
        Ok(JsValue::from_bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<JsValue, Error> {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<JsValue, Error> {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<JsValue, Error> {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<JsValue, Error> {
        // Counts and sizes: far below 2^53, exact as a JavaScript number.
        Ok(JsValue::from_f64(v as f64))
    }
    fn serialize_u8(self, v: u8) -> Result<JsValue, Error> {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<JsValue, Error> {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<JsValue, Error> {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<JsValue, Error> {
        Ok(JsValue::from_f64(v as f64))
    }
    fn serialize_f32(self, v: f32) -> Result<JsValue, Error> {
        Ok(JsValue::from_f64(v.into()))
    }
    fn serialize_f64(self, v: f64) -> Result<JsValue, Error> {
        Ok(JsValue::from_f64(v))
    }
    fn serialize_char(self, v: char) -> Result<JsValue, Error> {
        Ok(JsValue::from_str(v.encode_utf8(&mut [0; 4])))
    }
    fn serialize_str(self, v: &str) -> Result<JsValue, Error> {
        Ok(JsValue::from_str(v))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<JsValue, Error> {
        Err(unsupported("a byte string"))
    }
    fn serialize_none(self) -> Result<JsValue, Error> {
        Ok(JsValue::NULL)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<JsValue, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<JsValue, Error> {
        Ok(JsValue::NULL)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<JsValue, Error> {
        Ok(JsValue::NULL)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<JsValue, Error> {
        Ok(with_name(variant, JsValue::clone))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<JsValue, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<JsValue, Error> {
        Ok(wrap(variant, value.serialize(self)?))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Array, Error> {
        Ok(Array(JsArray::new()))
    }
    fn serialize_tuple(self, _: usize) -> Result<Array, Error> {
        Ok(Array(JsArray::new()))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Array, Error> {
        Ok(Array(JsArray::new()))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Variant<Array>, Error> {
        Ok(Variant { name: variant, content: Array(JsArray::new()) })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Object, Error> {
        Ok(object())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Object, Error> {
        Ok(object())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Variant<Object>, Error> {
        Ok(Variant { name: variant, content: object() })
    }
    fn serialize_i128(self, _: i128) -> Result<JsValue, Error> {
        Err(unsupported("a 128-bit integer"))
    }
    fn serialize_u128(self, _: u128) -> Result<JsValue, Error> {
        Err(unsupported("a 128-bit integer"))
    }
}

impl Array {
    fn add<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.0.push(&value.serialize(Serializer)?);
        Ok(())
    }
}

/// The three serde traits a sequence, a tuple and a tuple struct are written through: each an array.
macro_rules! array_serializers {
    ($($serde_trait:ident::$method:ident),*) => {$(
        impl ser::$serde_trait for Array {
            type Ok = JsValue;
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.add(value)
            }
            fn end(self) -> Result<JsValue, Error> {
                Ok(self.0.into())
            }
        }
    )*};
}

array_serializers!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field
);

impl ser::SerializeTupleVariant for Variant<Array> {
    type Ok = JsValue;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.content.add(value)
    }
    fn end(self) -> Result<JsValue, Error> {
        Ok(wrap(self.name, self.content.0.into()))
    }
}

impl Object {
    fn set<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        let value = value.serialize(Serializer)?;
        with_name(key, |key| self.object.set(key, &value));
        Ok(())
    }
}

impl ser::SerializeMap for Object {
    type Ok = JsValue;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        let key = key.serialize(Serializer)?;
        if !key.is_string() {
            return Err(unsupported("a map key that is not a string"));
        }
        self.key = Some(key);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self.key.take().ok_or_else(|| Error("a map value without its key".into()))?;
        self.object.set(&key, &value.serialize(Serializer)?);
        Ok(())
    }
    fn end(self) -> Result<JsValue, Error> {
        Ok(self.object.into())
    }
}

impl ser::SerializeStruct for Object {
    type Ok = JsValue;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.set(key, value)
    }
    fn end(self) -> Result<JsValue, Error> {
        Ok(self.object.into())
    }
}

impl ser::SerializeStructVariant for Variant<Object> {
    type Ok = JsValue;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.content.set(key, value)
    }
    fn end(self) -> Result<JsValue, Error> {
        Ok(wrap(self.name, self.content.object.into()))
    }
}
