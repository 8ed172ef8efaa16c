/**
 * Models: the model-client port, provider adapters and the dictionary baseline. Provider library
 * types stay inside this package.
 */
package org.ncer.model;
