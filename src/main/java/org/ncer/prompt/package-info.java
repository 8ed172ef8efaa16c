/**
 * Prompt files (YAML with a Jinja body) under {@code prompts/}, their rendering and few-shot
 * examples.
 */
package org.ncer.prompt;
