/**
 * Raw model answer text to candidate (string, label) pairs, with a parse status; never throws on a
 * bad answer.
 */
package org.ncer.extract;
