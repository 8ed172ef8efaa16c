/**
 * Prompts: the YAML prompt files under {@code prompts/} (and the user's own), the benchmark's
 * {@code .jinja} templates, their rendering into chat messages with Jinjava, the splitting of long
 * notes into chunks, and few-shot examples drawn from a training split.
 *
 * <p>Entry points: {@link org.ncer.prompt.PromptTemplate#load(String)} reads a prompt, {@link
 * org.ncer.prompt.PromptTemplate#bind} fixes the dataset, and {@link
 * org.ncer.prompt.BoundPrompt#render} turns a document into {@link org.ncer.prompt.PromptCall}s.
 * Depends on {@code span} and {@code dataset} only.
 */
package org.ncer.prompt;
