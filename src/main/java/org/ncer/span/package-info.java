/**
 * Character spans and labelled mentions: the values every other package speaks in. Depends on
 * nothing.
 */
package org.ncer.span;
