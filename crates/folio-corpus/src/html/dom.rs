//! A page's document tree, built by html5ever's tokenizer and tree builder (the HTML standard's
//! parsing algorithm: optional end tags, misnested and unclosed elements, entities, `<template>`,
//! `<noscript>` as a browser with scripting on reads it) into a flat arena of nodes. The tokens
//! pass through the depth guard (`guard`) on their way to the tree builder.

use std::borrow::Cow;
use std::cell::{Ref, RefCell};
use std::sync::LazyLock;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeBuilder, TreeBuilderOpts, TreeSink};
use html5ever::{Attribute, QualName};

use super::guard::{DepthGuard, Shadow};

/// An index into [`Dom::nodes`].
pub(crate) type NodeId = usize;

/// What a node is.
#[derive(Debug)]
pub(crate) enum Data {
    /// The document, or a `<template>`'s contents.
    Document,
    /// An element: its lowercase name (HTML, SVG or MathML) and attributes, names lowercase.
    Element { name: QualName, attrs: Vec<(String, String)> },
    /// Text.
    Text(String),
    /// A comment, doctype or processing instruction: never text.
    Other,
}

/// One node and its links.
#[derive(Debug)]
pub(crate) struct Node {
    pub(crate) data: Data,
    pub(crate) parent: Option<NodeId>,
    pub(crate) first_child: Option<NodeId>,
    last_child: Option<NodeId>,
    pub(crate) next_sibling: Option<NodeId>,
    prev_sibling: Option<NodeId>,
}

impl Node {
    /// The element's local name, or `""` for other nodes.
    pub(crate) fn name(&self) -> &str {
        match &self.data {
            Data::Element { name, .. } => &name.local,
            _ => "",
        }
    }

    /// The element's attribute `key`, if it has it.
    pub(crate) fn attr(&self, key: &str) -> Option<&str> {
        match &self.data {
            Data::Element { attrs, .. } => attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    /// The element's attributes (none for other nodes).
    pub(crate) fn attrs(&self) -> &[(String, String)] {
        match &self.data {
            Data::Element { attrs, .. } => attrs,
            _ => &[],
        }
    }
}

/// A parsed page. Node 0 is the document.
#[derive(Debug)]
pub(crate) struct Dom {
    pub(crate) nodes: Vec<Node>,
    /// Start tags dropped because they nested deeper than [`MAX_DEPTH`](super::guard::MAX_DEPTH).
    pub(crate) dropped: usize,
}

impl Dom {
    /// Parses `html` as the HTML standard says (as a document, scripting enabled).
    pub(crate) fn parse(html: &str) -> Dom {
        let sink = Sink { nodes: RefCell::new(vec![new_node(Data::Document)]) };
        let builder = TreeBuilder::new(sink, TreeBuilderOpts::default());
        let guard = DepthGuard { inner: builder, state: RefCell::new(Shadow::default()) };
        let tokenizer = Tokenizer::new(guard, TokenizerOpts::default());
        let input = BufferQueue::default();
        input.push_back(StrTendril::from_slice(html));
        // The tokenizer pauses after each </script> (for a browser to run it): carry on.
        loop {
            let _ = tokenizer.feed(&input);
            if input.is_empty() {
                break;
            }
        }
        tokenizer.end();
        let dropped = tokenizer.sink.state.borrow().dropped_total;
        let nodes = tokenizer.sink.inner.sink.nodes.into_inner();
        Dom { nodes, dropped }
    }

    /// The node `id`.
    pub(crate) fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    /// The element children and text of `id`, in order.
    pub(crate) fn children(&self, id: NodeId) -> Children<'_> {
        Children { dom: self, next: self.nodes[id].first_child }
    }

    /// Every node in document order (without recursion).
    pub(crate) fn preorder(&self) -> Preorder<'_> {
        Preorder { dom: self, next: Some(0) }
    }

    /// `id` and its descendants, in document order.
    pub(crate) fn subtree(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let end = self.after(id);
        Preorder { dom: self, next: Some(id) }.take_while(move |&n| Some(n) != end)
    }

    /// The nearest ancestor of `id` (not `id` itself) for which `f` is true.
    pub(crate) fn ancestor(&self, id: NodeId, mut f: impl FnMut(&Node) -> bool) -> Option<NodeId> {
        let mut at = self.nodes[id].parent;
        while let Some(p) = at {
            if f(&self.nodes[p]) {
                return Some(p);
            }
            at = self.nodes[p].parent;
        }
        None
    }

    /// The text of `id` and its descendants, up to `limit` bytes (more or less one character).
    pub(crate) fn text(&self, id: NodeId, limit: usize) -> String {
        let mut out = String::new();
        let walk = Preorder { dom: self, next: Some(id) };
        let end = self.after(id);
        for n in walk {
            if Some(n) == end || out.len() >= limit {
                break;
            }
            if let Data::Text(text) = &self.nodes[n].data {
                out.push_str(text);
            }
        }
        out
    }

    /// The node just before `id` among its parent's children.
    pub(crate) fn prev_sibling(&self, id: NodeId) -> Option<NodeId> {
        self.nodes[id].prev_sibling
    }

    /// The node that follows `id`'s subtree in document order.
    pub(crate) fn after(&self, id: NodeId) -> Option<NodeId> {
        let mut at = Some(id);
        while let Some(n) = at {
            if let Some(next) = self.nodes[n].next_sibling {
                return Some(next);
            }
            at = self.nodes[n].parent;
        }
        None
    }
}

/// The children of a node.
pub(crate) struct Children<'a> {
    dom: &'a Dom,
    next: Option<NodeId>,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = self.next?;
        self.next = self.dom.nodes[id].next_sibling;
        Some(id)
    }
}

/// Nodes in document order, from a start node to the end of the document.
pub(crate) struct Preorder<'a> {
    dom: &'a Dom,
    next: Option<NodeId>,
}

impl Iterator for Preorder<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = self.next?;
        self.next = self.dom.nodes[id].first_child.or_else(|| self.dom.after(id));
        Some(id)
    }
}

fn ns() -> html5ever::Namespace {
    html5ever::ns!(html)
}

fn new_node(data: Data) -> Node {
    Node { data, parent: None, first_child: None, last_child: None, next_sibling: None, prev_sibling: None }
}

/// The tree builder's side: it creates nodes in the arena and links them.
struct Sink {
    nodes: RefCell<Vec<Node>>,
}

/// The name given for a handle that is not an element (the tree builder never asks).
static NO_NAME: LazyLock<QualName> = LazyLock::new(|| QualName::new(None, ns(), "".into()));

impl Sink {
    fn add(&self, data: Data) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(new_node(data));
        nodes.len() - 1
    }

    /// Adds `text` to the node `beside` when it is a text node (the tree builder's text arrives in
    /// runs that join), else makes a new text node and returns it, to be linked in.
    fn text_node(nodes: &mut Vec<Node>, beside: Option<NodeId>, text: &str) -> Option<NodeId> {
        if let Some(Data::Text(existing)) = beside.map(|id| &mut nodes[id].data) {
            existing.push_str(text);
            return None;
        }
        nodes.push(new_node(Data::Text(text.to_string())));
        Some(nodes.len() - 1)
    }

    fn detach(nodes: &mut [Node], id: NodeId) {
        let (parent, prev, next) = (nodes[id].parent, nodes[id].prev_sibling, nodes[id].next_sibling);
        match prev {
            Some(p) => nodes[p].next_sibling = next,
            None => {
                if let Some(parent) = parent {
                    nodes[parent].first_child = next;
                }
            }
        }
        match next {
            Some(n) => nodes[n].prev_sibling = prev,
            None => {
                if let Some(parent) = parent {
                    nodes[parent].last_child = prev;
                }
            }
        }
        let node = &mut nodes[id];
        (node.parent, node.prev_sibling, node.next_sibling) = (None, None, None);
    }

    fn append_node(nodes: &mut [Node], parent: NodeId, child: NodeId) {
        Self::detach(nodes, child);
        let last = nodes[parent].last_child;
        nodes[child].parent = Some(parent);
        nodes[child].prev_sibling = last;
        match last {
            Some(l) => nodes[l].next_sibling = Some(child),
            None => nodes[parent].first_child = Some(child),
        }
        nodes[parent].last_child = Some(child);
    }

    fn insert_before(nodes: &mut [Node], sibling: NodeId, child: NodeId) {
        Self::detach(nodes, child);
        let (parent, prev) = (nodes[sibling].parent, nodes[sibling].prev_sibling);
        nodes[child].parent = parent;
        nodes[child].prev_sibling = prev;
        nodes[child].next_sibling = Some(sibling);
        nodes[sibling].prev_sibling = Some(child);
        match prev {
            Some(p) => nodes[p].next_sibling = Some(child),
            None => {
                if let Some(parent) = parent {
                    nodes[parent].first_child = Some(child);
                }
            }
        }
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = ();
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) {}

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        Ref::map(self.nodes.borrow(), |nodes| match &nodes[*target].data {
            Data::Element { name, .. } => name,
            _ => &NO_NAME,
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let attrs = attrs.into_iter().map(|a| (a.name.local.to_string(), a.value.to_string())).collect();
        let id = self.add(Data::Element { name, attrs });
        if flags.template {
            // The template's contents live in a fragment of their own, which is never read.
            self.add(Data::Document);
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.add(Data::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.add(Data::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        match child {
            NodeOrText::AppendNode(node) => Self::append_node(&mut self.nodes.borrow_mut(), *parent, node),
            NodeOrText::AppendText(text) => {
                let mut nodes = self.nodes.borrow_mut();
                let last = nodes[*parent].last_child;
                if let Some(id) = Self::text_node(&mut nodes, last, &text) {
                    Self::append_node(&mut nodes, *parent, id);
                }
            }
        }
    }

    fn append_based_on_parent_node(&self, element: &NodeId, prev_element: &NodeId, child: NodeOrText<NodeId>) {
        if self.nodes.borrow()[*element].parent.is_some() {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _name: StrTendril, _public_id: StrTendril, _system_id: StrTendril) {}

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        // create_element put the contents right after the template.
        target + 1
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, child: NodeOrText<NodeId>) {
        let mut nodes = self.nodes.borrow_mut();
        match child {
            NodeOrText::AppendNode(node) => Self::insert_before(&mut nodes, *sibling, node),
            NodeOrText::AppendText(text) => {
                let prev = nodes[*sibling].prev_sibling;
                if let Some(id) = Self::text_node(&mut nodes, prev, &text) {
                    Self::insert_before(&mut nodes, *sibling, id);
                }
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        if let Data::Element { attrs: existing, .. } = &mut self.nodes.borrow_mut()[*target].data {
            for a in attrs {
                let key = a.name.local.to_string();
                if !existing.iter().any(|(k, _)| *k == key) {
                    existing.push((key, a.value.to_string()));
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        Self::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut nodes = self.nodes.borrow_mut();
        while let Some(child) = nodes[*node].first_child {
            Self::append_node(&mut nodes, *new_parent, child);
        }
    }
}
