/**
 * Grounds candidate strings onto character spans of the original text, with a status for each
 * string.
 */
package org.ncer.align;
