//! The depth guard between html5ever's tokenizer and its tree builder.
//!
//! The tree builder's stack of open elements is searched on many tokens, so a page that opens
//! thousands of elements it never closes costs time quadratic in their number. [`DepthGuard`]
//! stops opening elements past [`MAX_DEPTH`] levels, like browsers' own depth limits: their text
//! still goes into the tree, at that depth, and their end tags are dropped with them, so every
//! search of the stack stays short.

use std::cell::RefCell;
use std::collections::HashMap;

use html5ever::tokenizer::{TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::tree_builder::{TreeBuilder, TreeSink};

use super::tags::{is_heading, CLOSES_P, HEADINGS, RAW, SPECIAL, VOID};

/// How deep elements nest before further start tags are dropped (Chromium's parser stops nesting
/// at 512 too).
pub(crate) const MAX_DEPTH: usize = 512;

/// An estimate of the tree builder's stack of open elements, kept from the tokens alone; it
/// errs on the deep side (it does not know every way the tree builder closes elements).
#[derive(Default)]
pub(super) struct Shadow {
    open: Vec<String>,
    /// How many of each name are in `open`: a name that is not open is not searched for.
    counts: HashMap<String, usize>,
    /// Start tags dropped and not yet matched by an end tag, by name.
    dropped: HashMap<String, usize>,
    pub(super) dropped_total: usize,
}

impl Shadow {
    fn push(&mut self, name: &str) {
        self.open.push(name.to_string());
        *self.counts.entry(name.to_string()).or_default() += 1;
    }

    fn truncate(&mut self, len: usize) {
        while self.open.len() > len {
            if let Some(name) = self.open.pop() {
                if let Some(n) = self.counts.get_mut(&name) {
                    *n -= 1;
                }
            }
        }
    }

    /// Pops up to and including the nearest of `names` above any of `stop`, if there is one.
    fn close(&mut self, names: &[&str], stop: &[&str]) {
        if !names.iter().any(|n| self.counts.get(*n).is_some_and(|&c| c > 0)) {
            return;
        }
        for i in (0..self.open.len()).rev() {
            let open = self.open[i].as_str();
            if names.contains(&open) {
                self.truncate(i);
                return;
            }
            if stop.contains(&open) {
                return;
            }
        }
    }

    /// Whether the start tag `name` is passed to the tree builder (else it is dropped).
    fn start(&mut self, name: &str, self_closing: bool) -> bool {
        if VOID.contains(&name) || RAW.contains(&name) || matches!(name, "html" | "head" | "body") {
            return true;
        }
        if CLOSES_P.contains(&name) {
            self.close(&["p"], &["button", "table", "td", "th", "caption", "html", "template", "object"]);
        }
        match name {
            "li" => self.close(&["li"], &["ul", "ol", "table", "td", "th", "template"]),
            "dt" | "dd" => self.close(&["dt", "dd"], &["dl", "table", "td", "th", "template"]),
            "td" | "th" => self.close(&["td", "th"], &["tr", "table", "template"]),
            "tr" => self.close(&["tr"], &["table", "template"]),
            "tbody" | "thead" | "tfoot" => self.close(&["tbody", "thead", "tfoot"], &["table", "template"]),
            "option" => self.close(&["option"], &["select", "datalist"]),
            _ if is_heading(name) => self.close(HEADINGS, SPECIAL),
            _ => {}
        }
        // In SVG and MathML, and for <svg/> and <math/> themselves, `/>` closes the element.
        if self_closing && (matches!(name, "svg" | "math") || self.open.iter().any(|n| n == "svg" || n == "math")) {
            return true;
        }
        if self.open.len() >= MAX_DEPTH {
            *self.dropped.entry(name.to_string()).or_default() += 1;
            self.dropped_total += 1;
            return false;
        }
        self.push(name);
        true
    }

    /// Whether the end tag `name` is passed to the tree builder.
    fn end(&mut self, name: &str) -> bool {
        if let Some(n) = self.dropped.get_mut(name).filter(|n| **n > 0) {
            *n -= 1;
            return false;
        }
        if !RAW.contains(&name) {
            let stop: &[&str] = if SPECIAL.contains(&name) { &["html", "table", "template"] } else { SPECIAL };
            self.close(&[name], stop);
        }
        true
    }
}

/// Passes tokens to the tree builder, dropping start tags (and their end tags) that would nest
/// deeper than [`MAX_DEPTH`].
pub(super) struct DepthGuard<S: TreeSink> {
    pub(super) inner: TreeBuilder<S::Handle, S>,
    pub(super) state: RefCell<Shadow>,
}

impl<S: TreeSink> TokenSink for DepthGuard<S>
where
    S::Handle: Clone,
{
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<S::Handle> {
        if let Token::TagToken(tag) = &token {
            let mut state = self.state.borrow_mut();
            let pass = match tag.kind {
                TagKind::StartTag => state.start(&tag.name, tag.self_closing),
                TagKind::EndTag => state.end(&tag.name),
            };
            if !pass {
                return TokenSinkResult::Continue;
            }
        }
        self.inner.process_token(token, line_number)
    }

    fn end(&self) {
        self.inner.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner.adjusted_current_node_present_but_not_in_html_namespace()
    }
}
