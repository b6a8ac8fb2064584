import 'fake-indexeddb/auto'

// jsdom does no layout, so it has no scrolling; the error summary scrolls labels into view.
Element.prototype.scrollIntoView ??= function scrollIntoView() {}
