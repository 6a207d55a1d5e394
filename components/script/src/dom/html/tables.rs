//! Tabular data (<https://html.spec.whatwg.org/multipage/tables.html>): `HTMLTableElement`,
//! `HTMLTableCaptionElement`, `HTMLTableColElement`, `HTMLTableSectionElement`,
//! `HTMLTableRowElement` and `HTMLTableCellElement`, with the table's caption/head/foot
//! accessors, its `rows` and `tBodies`, and the row and cell insertion and deletion algorithms.
//! There is no table layout: the obsolete presentational attributes only reflect.

use mozjs::context::JSContext;

use crate::dom::bindings::codegen::HTMLTableCaptionElementBinding::HTMLTableCaptionElementMethods;
use crate::dom::bindings::codegen::HTMLTableCellElementBinding::HTMLTableCellElementMethods;
use crate::dom::bindings::codegen::HTMLTableColElementBinding::HTMLTableColElementMethods;
use crate::dom::bindings::codegen::HTMLTableElementBinding::HTMLTableElementMethods;
use crate::dom::bindings::codegen::HTMLTableRowElementBinding::HTMLTableRowElementMethods;
use crate::dom::bindings::codegen::HTMLTableSectionElementBinding::HTMLTableSectionElementMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::{Castable, DerivedFrom, IDLInterface};
use crate::dom::bindings::reflector::DomObject;
use crate::dom::bindings::root::DomRoot;
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::element::{Element, HTML_NAMESPACE};
use crate::dom::dom::htmlcollection::{CollectionFilter, HTMLCollection};
use crate::dom::dom::node::Node;
use crate::dom::html::reflect::{reflect_bool, reflect_clamped_unsigned, reflect_string};
use crate::dom::html::simpleelements::simple_element;

simple_element!(HTMLTableElement);
simple_element!(HTMLTableCaptionElement);
simple_element!(HTMLTableColElement);
simple_element!(HTMLTableSectionElement);
simple_element!(HTMLTableRowElement);
simple_element!(HTMLTableCellElement);

/// Whether `node` is an HTML element with one of these local names.
fn is_html(node: &Node, names: &[&str]) -> bool {
    node.downcast::<Element>().is_some_and(|e| e.is_html_element() && names.contains(&e.local_name()))
}

/// The element children of `node` that are HTML elements named one of `names`, in tree order.
fn children_named(node: &Node, names: &[&str]) -> Vec<DomRoot<Element>> {
    node.children().into_iter().filter(|c| is_html(c, names)).filter_map(|c| c.downcast_root::<Element>()).collect()
}

fn first_child_named(node: &Node, name: &str) -> Option<DomRoot<Element>> {
    children_named(node, &[name]).into_iter().next()
}

/// A new HTML element of `local_name` in `node`'s document, as its interface `T`.
fn create<T: DerivedFrom<Element> + IDLInterface + DomObject>(
    cx: &mut JSContext,
    node: &Node,
    local_name: &str,
) -> DomRoot<T> {
    let document = node.owner_doc();
    let element = crate::dom::dom::createelement::create_element(cx, &document, local_name, Some(HTML_NAMESPACE), None);
    // The names created here (caption, thead, tbody, tfoot, tr, td) are not valid custom element
    // names, so "create an element" gives the interface the HTML standard names for them, which
    // is the `T` each caller asks for.
    element.downcast_root::<T>().expect("the element interface of an HTML table element")
}

/// The first `name` child, as its interface `T`.
fn first_child_as<T: DerivedFrom<Element> + IDLInterface + DomObject>(node: &Node, name: &str) -> Option<DomRoot<T>> {
    children_named(node, &[name]).into_iter().find_map(|e| e.downcast_root::<T>())
}

fn index_size(index: i32, count: usize) -> Error {
    Error::IndexSize(format!("The index provided ({index}) is outside the range [-1, {count}]."))
}

/// <https://html.spec.whatwg.org/multipage/tables.html#dom-table-rows>: "the tr elements that
/// are either children of the table element, or children of thead, tbody, or tfoot elements that
/// are themselves children of the table element … those elements whose parent is a thead are
/// included first, in tree order, followed by those elements whose parent is either a table or
/// tbody element, again in tree order, followed finally by those elements whose parent is a tfoot
/// element, still in tree order."
fn table_rows(table: &Node) -> Vec<DomRoot<Element>> {
    let mut head = Vec::new();
    let mut body = Vec::new();
    let mut foot = Vec::new();
    for child in table.children() {
        if is_html(&child, &["tr"]) {
            body.extend(child.downcast_root::<Element>());
        } else if is_html(&child, &["thead"]) {
            head.extend(children_named(&child, &["tr"]));
        } else if is_html(&child, &["tbody"]) {
            body.extend(children_named(&child, &["tr"]));
        } else if is_html(&child, &["tfoot"]) {
            foot.extend(children_named(&child, &["tr"]));
        }
    }
    head.extend(body);
    head.extend(foot);
    head
}

fn table_bodies(table: &Node) -> Vec<DomRoot<Element>> {
    children_named(table, &["tbody"])
}

fn row_children(node: &Node) -> Vec<DomRoot<Element>> {
    children_named(node, &["tr"])
}

fn cell_children(row: &Node) -> Vec<DomRoot<Element>> {
    children_named(row, &["td", "th"])
}

/// The position of `element` in `list`, or -1.
fn position_in(list: &[DomRoot<Element>], element: &Element) -> i32 {
    list.iter().position(|e| std::ptr::eq(&**e, element)).map_or(-1, |i| i as i32)
}

/// Removes `node` from its parent, if it has one.
fn detach(cx: &mut JSContext, node: &Node) {
    if let Some(parent) = node.parent() {
        parent.remove(cx, node, false);
    }
}

/// The deleteRow()/deleteCell() steps shared by table, section and row: "If index is −1, then
/// remove the last element in the collection from its parent, or do nothing if the collection is
/// empty. … If index is less than −1 or greater than or equal to the number of elements in the
/// collection, then throw an "IndexSizeError" DOMException. Otherwise, remove the indexth element
/// in the collection from its parent."
fn delete_from(cx: &mut JSContext, list: Vec<DomRoot<Element>>, index: i32) -> ErrorResult {
    let target = if index == -1 {
        match list.last() {
            Some(last) => last.clone(),
            None => return Ok(()),
        }
    } else {
        match usize::try_from(index).ok().and_then(|i| list.get(i)) {
            Some(e) => e.clone(),
            None => {
                return Err(Error::IndexSize(format!(
                    "The index provided ({index}) is greater than or equal to the number of elements ({}).",
                    list.len()
                )));
            }
        }
    };
    detach(cx, target.upcast());
    Ok(())
}

impl HTMLTableElement {
    /// Removes the first `name` child, if any.
    fn delete_first(&self, cx: &mut JSContext, name: &str) {
        if let Some(child) = first_child_named(self.upcast(), name) {
            detach(cx, child.upcast());
        }
    }

    /// The setter shared by tHead and tFoot.
    fn set_section(&self, cx: &mut JSContext, name: &str, value: Option<&HTMLTableSectionElement>) -> ErrorResult {
        // "If the new value is neither null nor a thead (tfoot) element, then a
        // "HierarchyRequestError" DOMException must be thrown instead."
        if let Some(v) = value
            && !is_html(v.upcast(), &[name])
        {
            return Err(Error::HierarchyRequest(format!("Not a {name} element.")));
        }
        // "the first thead (tfoot) element child of the table element, if any, must be removed"
        self.delete_first(cx, name);
        if let Some(v) = value {
            self.insert_section(cx, name, v.upcast())?;
        }
        Ok(())
    }

    /// Where a new thead or tfoot goes: a thead "immediately before the first element in the
    /// table element that is neither a caption element nor a colgroup element, if any, or at the
    /// end of the table if there are no such elements"; a tfoot at the end of the table.
    fn insert_section(&self, cx: &mut JSContext, name: &str, section: &Node) -> ErrorResult {
        let this = self.upcast::<Node>();
        let reference = if name == "thead" {
            this.children().into_iter().find(|c| c.is::<Element>() && !is_html(c, &["caption", "colgroup"]))
        } else {
            None
        };
        this.pre_insert(cx, section, reference.as_deref())?;
        Ok(())
    }

    /// createTHead()/createTFoot(): the first such child, or a new one inserted where the
    /// setter would put it.
    fn create_section(&self, cx: &mut JSContext, name: &str) -> DomRoot<HTMLTableSectionElement> {
        if let Some(existing) = first_child_as(self.upcast(), name) {
            return existing;
        }
        let section: DomRoot<HTMLTableSectionElement> = create(cx, self.upcast(), name);
        if let Err(e) = self.insert_section(cx, name, section.upcast()) {
            log::warn!("inserting a new {name} failed: {e:?}");
        }
        section
    }
}

impl HTMLTableElementMethods for HTMLTableElement {
    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-table-caption>: "the first caption
    /// element child of the table element, if any, or null otherwise."
    fn Caption(&self, _cx: &mut JSContext) -> Option<DomRoot<HTMLTableCaptionElement>> {
        first_child_named(self.upcast(), "caption").and_then(|e| e.downcast_root())
    }
    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-table-caption>: "On setting, the
    /// first caption element child of the table element, if any, must be removed, and the new
    /// value, if not null, must be inserted as the first node of the table element."
    fn SetCaption(&self, cx: &mut JSContext, value: Option<&HTMLTableCaptionElement>) -> ErrorResult {
        self.delete_first(cx, "caption");
        if let Some(caption) = value {
            let this = self.upcast::<Node>();
            let first = this.children().into_iter().next();
            this.pre_insert(cx, caption.upcast(), first.as_deref())?;
        }
        Ok(())
    }
    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-table-createcaption>
    fn CreateCaption(&self, cx: &mut JSContext) -> DomRoot<HTMLTableCaptionElement> {
        // "return the first caption element child of the table element, if any; otherwise create
        // a new caption element, insert it as the first node of the table element, and return it."
        if let Some(existing) = first_child_as(self.upcast(), "caption") {
            return existing;
        }
        let this = self.upcast::<Node>();
        let caption: DomRoot<HTMLTableCaptionElement> = create(cx, this, "caption");
        let first = this.children().into_iter().next();
        if let Err(e) = this.pre_insert(cx, caption.upcast(), first.as_deref()) {
            log::warn!("inserting a new caption failed: {e:?}");
        }
        caption
    }
    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-table-deletecaption>: "remove the
    /// first caption element child of the table element, if any."
    fn DeleteCaption(&self, cx: &mut JSContext) {
        self.delete_first(cx, "caption");
    }

    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-table-thead>
    fn THead(&self, _cx: &mut JSContext) -> Option<DomRoot<HTMLTableSectionElement>> {
        first_child_named(self.upcast(), "thead").and_then(|e| e.downcast_root())
    }
    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-table-thead>
    fn SetTHead(&self, cx: &mut JSContext, value: Option<&HTMLTableSectionElement>) -> ErrorResult {
        self.set_section(cx, "thead", value)
    }
    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-table-createthead>
    fn CreateTHead(&self, cx: &mut JSContext) -> DomRoot<HTMLTableSectionElement> {
        self.create_section(cx, "thead")
    }
    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-table-deletethead>
    fn DeleteTHead(&self, cx: &mut JSContext) {
        self.delete_first(cx, "thead");
    }

    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-table-tfoot>
    fn TFoot(&self, _cx: &mut JSContext) -> Option<DomRoot<HTMLTableSectionElement>> {
        first_child_named(self.upcast(), "tfoot").and_then(|e| e.downcast_root())
    }
    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-table-tfoot>
    fn SetTFoot(&self, cx: &mut JSContext, value: Option<&HTMLTableSectionElement>) -> ErrorResult {
        self.set_section(cx, "tfoot", value)
    }
    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-table-createtfoot>
    fn CreateTFoot(&self, cx: &mut JSContext) -> DomRoot<HTMLTableSectionElement> {
        self.create_section(cx, "tfoot")
    }
    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-table-deletetfoot>
    fn DeleteTFoot(&self, cx: &mut JSContext) {
        self.delete_first(cx, "tfoot");
    }

    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-table-tbodies>
    fn TBodies(&self, cx: &mut JSContext) -> DomRoot<HTMLCollection> {
        HTMLCollection::new(cx, self.upcast(), CollectionFilter::Computed(table_bodies))
    }
    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-table-createtbody>: "create a new
    /// tbody element, insert it immediately after the last tbody element child in the table
    /// element, if any, or at the end of the table element if the table element has no tbody
    /// element children, and then return the new tbody element."
    fn CreateTBody(&self, cx: &mut JSContext) -> DomRoot<HTMLTableSectionElement> {
        let this = self.upcast::<Node>();
        let tbody: DomRoot<HTMLTableSectionElement> = create(cx, this, "tbody");
        let reference = table_bodies(this).last().and_then(|last| last.upcast::<Node>().next_sibling());
        if let Err(e) = this.pre_insert(cx, tbody.upcast(), reference.as_deref()) {
            log::warn!("inserting a new tbody failed: {e:?}");
        }
        tbody
    }

    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-table-rows>
    fn Rows(&self, cx: &mut JSContext) -> DomRoot<HTMLCollection> {
        HTMLCollection::new(cx, self.upcast(), CollectionFilter::Computed(table_rows))
    }
    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-table-insertrow>
    fn InsertRow(&self, cx: &mut JSContext, index: i32) -> Fallible<DomRoot<HTMLTableRowElement>> {
        let this = self.upcast::<Node>();
        let rows = table_rows(this);
        // 1. "If index is less than −1 or greater than the number of elements in rows collection,
        //    throw an "IndexSizeError" DOMException."
        if index < -1 || index as i64 > rows.len() as i64 {
            return Err(index_size(index, rows.len()));
        }
        let row: DomRoot<HTMLTableRowElement> = create(cx, this, "tr");
        let tr = row.upcast::<Node>();
        if rows.is_empty() {
            match table_bodies(this).last() {
                // 2. "If the rows collection has zero elements in it, and the table has no tbody
                //    elements, then create a tbody element, then create a tr element, then append
                //    the tr element to the tbody element, then append the tbody element to the
                //    table element, and finally return the tr element."
                None => {
                    let tbody: DomRoot<HTMLTableSectionElement> = create(cx, this, "tbody");
                    tbody.upcast::<Node>().pre_insert(cx, tr, None)?;
                    this.pre_insert(cx, tbody.upcast(), None)?;
                }
                // 3. "If the rows collection has zero elements in it, create a tr element, append it
                //    to the last tbody element in the table, and return the tr element."
                Some(last) => {
                    last.upcast::<Node>().pre_insert(cx, tr, None)?;
                }
            }
        } else if index == -1 || index as usize == rows.len() {
            // 4. "If index is −1 or equal to the number of items in rows collection, create a tr
            //    element, and append it to the parent of the last tr element in the rows
            //    collection."
            if let Some(parent) = rows.last().and_then(|r| r.upcast::<Node>().parent()) {
                parent.pre_insert(cx, tr, None)?;
            }
        } else {
            // 5. "Otherwise, create a tr element, insert it immediately before the indexth tr
            //    element in the rows collection, in the same parent."
            let reference = rows[index as usize].upcast::<Node>();
            if let Some(parent) = reference.parent() {
                parent.pre_insert(cx, tr, Some(reference))?;
            }
        }
        Ok(row)
    }
    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-table-deleterow>
    fn DeleteRow(&self, cx: &mut JSContext, index: i32) -> ErrorResult {
        delete_from(cx, table_rows(self.upcast()), index)
    }

    reflect_string!(Align, SetAlign, "align", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-table-align");
    reflect_string!(
        Border,
        SetBorder,
        "border",
        "https://html.spec.whatwg.org/multipage/obsolete.html#dom-table-border"
    );
    reflect_string!(Frame, SetFrame, "frame", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-table-frame");
    reflect_string!(Rules, SetRules, "rules", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-table-rules");
    reflect_string!(
        Summary,
        SetSummary,
        "summary",
        "https://html.spec.whatwg.org/multipage/obsolete.html#dom-table-summary"
    );
    reflect_string!(Width, SetWidth, "width", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-table-width");
    reflect_string!(
        BgColor,
        SetBgColor,
        "bgcolor",
        "https://html.spec.whatwg.org/multipage/obsolete.html#dom-table-bgcolor"
    );
    reflect_string!(
        CellPadding,
        SetCellPadding,
        "cellpadding",
        "https://html.spec.whatwg.org/multipage/obsolete.html#dom-table-cellpadding"
    );
    reflect_string!(
        CellSpacing,
        SetCellSpacing,
        "cellspacing",
        "https://html.spec.whatwg.org/multipage/obsolete.html#dom-table-cellspacing"
    );
}

impl HTMLTableCaptionElementMethods for HTMLTableCaptionElement {
    reflect_string!(Align, SetAlign, "align", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-caption-align");
}

impl HTMLTableColElementMethods for HTMLTableColElement {
    // "The span IDL attribute must reflect the content attribute of the same name. It is
    // clamped to the range [1, 1000], and its default value is 1."
    reflect_clamped_unsigned!(
        Span,
        SetSpan,
        "span",
        1,
        1,
        1000,
        "https://html.spec.whatwg.org/multipage/tables.html#dom-colgroup-span"
    );
    reflect_string!(Align, SetAlign, "align", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-col-align");
    reflect_string!(Ch, SetCh, "char", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-col-ch");
    reflect_string!(ChOff, SetChOff, "charoff", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-col-choff");
    reflect_string!(VAlign, SetVAlign, "valign", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-col-valign");
    reflect_string!(Width, SetWidth, "width", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-col-width");
}

impl HTMLTableSectionElementMethods for HTMLTableSectionElement {
    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-tbody-rows>: "the tr elements that
    /// are children of the element."
    fn Rows(&self, cx: &mut JSContext) -> DomRoot<HTMLCollection> {
        HTMLCollection::new(cx, self.upcast(), CollectionFilter::Computed(row_children))
    }
    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-tbody-insertrow>
    fn InsertRow(&self, cx: &mut JSContext, index: i32) -> Fallible<DomRoot<HTMLTableRowElement>> {
        let this = self.upcast::<Node>();
        let rows = row_children(this);
        // 1. "If index is less than −1 or greater than the number of elements in the rows
        //    collection, throw an "IndexSizeError" DOMException."
        if index < -1 || index as i64 > rows.len() as i64 {
            return Err(index_size(index, rows.len()));
        }
        let tr: DomRoot<HTMLTableRowElement> = create(cx, this, "tr");
        // 2. "If index is −1 or equal to the number of items in the rows collection, create a tr
        //    element, append it to the element, and return the newly created tr element."
        // 3. "Otherwise, create a tr element, insert it as a child of this element, immediately
        //    before the indexth tr element in the rows collection, and finally return the newly
        //    created tr element."
        let reference = usize::try_from(index).ok().and_then(|i| rows.get(i));
        this.pre_insert(cx, tr.upcast(), reference.map(|r| r.upcast::<Node>()))?;
        Ok(tr)
    }
    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-tbody-deleterow>
    fn DeleteRow(&self, cx: &mut JSContext, index: i32) -> ErrorResult {
        delete_from(cx, row_children(self.upcast()), index)
    }

    reflect_string!(Align, SetAlign, "align", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-tbody-align");
    reflect_string!(Ch, SetCh, "char", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-tbody-ch");
    reflect_string!(ChOff, SetChOff, "charoff", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-tbody-choff");
    reflect_string!(
        VAlign,
        SetVAlign,
        "valign",
        "https://html.spec.whatwg.org/multipage/obsolete.html#dom-tbody-valign"
    );
}

impl HTMLTableRowElementMethods for HTMLTableRowElement {
    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-tr-rowindex>: "If the element has
    /// a parent table element, or a parent tbody, thead, or tfoot element and a grandparent table
    /// element, return the index of the tr element in that table element's rows collection. If
    /// there is no such table element, then return −1."
    fn RowIndex(&self, _cx: &mut JSContext) -> i32 {
        let Some(parent) = self.upcast::<Node>().parent() else {
            return -1;
        };
        let table = if is_html(&parent, &["table"]) {
            Some(parent)
        } else if is_html(&parent, &["tbody", "thead", "tfoot"]) {
            parent.parent().filter(|g| is_html(g, &["table"]))
        } else {
            None
        };
        table.map_or(-1, |t| position_in(&table_rows(&t), self.upcast()))
    }
    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-tr-sectionrowindex>: "If the
    /// element's parent is a table, tbody, thead, or tfoot element, return the index of the tr
    /// element in the parent element's rows collection (for tables, that's HTMLTableElement's
    /// rows collection; for table sections, that's HTMLTableSectionElement's rows collection). If
    /// there is no such parent element, then return −1."
    fn SectionRowIndex(&self, _cx: &mut JSContext) -> i32 {
        let Some(parent) = self.upcast::<Node>().parent() else {
            return -1;
        };
        if is_html(&parent, &["table"]) {
            position_in(&table_rows(&parent), self.upcast())
        } else if is_html(&parent, &["tbody", "thead", "tfoot"]) {
            position_in(&row_children(&parent), self.upcast())
        } else {
            -1
        }
    }
    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-tr-cells>: "the td and th elements
    /// that are children of the tr element."
    fn Cells(&self, cx: &mut JSContext) -> DomRoot<HTMLCollection> {
        HTMLCollection::new(cx, self.upcast(), CollectionFilter::Computed(cell_children))
    }
    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-tr-insertcell>
    fn InsertCell(&self, cx: &mut JSContext, index: i32) -> Fallible<DomRoot<HTMLTableCellElement>> {
        let this = self.upcast::<Node>();
        let cells = cell_children(this);
        // 1. "If index is less than −1 or greater than the number of elements in the cells
        //    collection, then throw an "IndexSizeError" DOMException."
        if index < -1 || index as i64 > cells.len() as i64 {
            return Err(index_size(index, cells.len()));
        }
        // 2. "Let table cell be the result of creating an element given this tr element's node
        //    document, "td", and the HTML namespace."
        let td: DomRoot<HTMLTableCellElement> = create(cx, this, "td");
        // 3. "If index is equal to −1 or equal to the number of items in cells collection, then
        //    append table cell to this tr element."
        // 4. "Otherwise, insert table cell as a child of this tr element, immediately before the
        //    indexth td or th element in the cells collection."
        let reference = usize::try_from(index).ok().and_then(|i| cells.get(i));
        this.pre_insert(cx, td.upcast(), reference.map(|r| r.upcast::<Node>()))?;
        // 5. "Return table cell."
        Ok(td)
    }
    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-tr-deletecell>
    fn DeleteCell(&self, cx: &mut JSContext, index: i32) -> ErrorResult {
        delete_from(cx, cell_children(self.upcast()), index)
    }

    reflect_string!(Align, SetAlign, "align", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-tr-align");
    reflect_string!(Ch, SetCh, "char", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-tr-ch");
    reflect_string!(ChOff, SetChOff, "charoff", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-tr-choff");
    reflect_string!(VAlign, SetVAlign, "valign", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-tr-valign");
    reflect_string!(
        BgColor,
        SetBgColor,
        "bgcolor",
        "https://html.spec.whatwg.org/multipage/obsolete.html#dom-tr-bgcolor"
    );
}

impl HTMLTableCellElementMethods for HTMLTableCellElement {
    // "The colSpan IDL attribute must reflect the colspan content attribute. It is clamped to the
    // range [1, 1000], and its default value is 1. The rowSpan IDL attribute must reflect the
    // rowspan content attribute. It is clamped to the range [0, 65534], and its default value
    // is 1."
    reflect_clamped_unsigned!(
        ColSpan,
        SetColSpan,
        "colspan",
        1,
        1,
        1000,
        "https://html.spec.whatwg.org/multipage/tables.html#dom-tdth-colspan"
    );
    reflect_clamped_unsigned!(
        RowSpan,
        SetRowSpan,
        "rowspan",
        1,
        0,
        65534,
        "https://html.spec.whatwg.org/multipage/tables.html#dom-tdth-rowspan"
    );
    reflect_string!(
        Headers,
        SetHeaders,
        "headers",
        "https://html.spec.whatwg.org/multipage/tables.html#dom-tdth-headers"
    );
    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-tdth-cellindex>: "If this element
    /// has a parent tr element, return the index of the cell's element in the parent element's
    /// cells collection. If there is no such parent element, then return −1."
    fn CellIndex(&self, _cx: &mut JSContext) -> i32 {
        match self.upcast::<Node>().parent() {
            Some(parent) if is_html(&parent, &["tr"]) => position_in(&cell_children(&parent), self.upcast()),
            _ => -1,
        }
    }
    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-th-scope>: the `scope` attribute
    /// limited to its known values (row, col, rowgroup, colgroup; ASCII case-insensitive), the
    /// empty string for a missing or invalid value.
    fn Scope(&self, _cx: &mut JSContext) -> DOMString {
        let value = self.upcast::<Element>().get_attribute_value("scope").unwrap_or_default().to_ascii_lowercase();
        match value.as_str() {
            "row" | "col" | "rowgroup" | "colgroup" => value.into(),
            _ => DOMString::new(),
        }
    }
    /// <https://html.spec.whatwg.org/multipage/tables.html#dom-th-scope>
    fn SetScope(&self, cx: &mut JSContext, value: DOMString) {
        self.htmlelement.set_string_attribute(cx, "scope", value)
    }
    reflect_string!(Abbr, SetAbbr, "abbr", "https://html.spec.whatwg.org/multipage/tables.html#dom-th-abbr");
    reflect_string!(Align, SetAlign, "align", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-tdth-align");
    reflect_string!(Axis, SetAxis, "axis", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-tdth-axis");
    reflect_string!(
        Height,
        SetHeight,
        "height",
        "https://html.spec.whatwg.org/multipage/obsolete.html#dom-tdth-height"
    );
    reflect_string!(Width, SetWidth, "width", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-tdth-width");
    reflect_string!(Ch, SetCh, "char", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-tdth-ch");
    reflect_string!(ChOff, SetChOff, "charoff", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-tdth-choff");
    reflect_bool!(NoWrap, SetNoWrap, "nowrap", "https://html.spec.whatwg.org/multipage/obsolete.html#dom-tdth-nowrap");
    reflect_string!(
        VAlign,
        SetVAlign,
        "valign",
        "https://html.spec.whatwg.org/multipage/obsolete.html#dom-tdth-valign"
    );
    reflect_string!(
        BgColor,
        SetBgColor,
        "bgcolor",
        "https://html.spec.whatwg.org/multipage/obsolete.html#dom-tdth-bgcolor"
    );
}
