/**
 * ncer evaluates large language models on clinical named-entity recognition.
 *
 * <p>Data flows one way through the packages: {@code span} (offsets and labelled mentions), {@code
 * dataset} (documents and their gold mentions), {@code prompt}, {@code model}, {@code extract}
 * (answer text to candidate strings), {@code align} (strings to spans), {@code score}, {@code run}
 * (the pipeline), {@code report} and {@code cli}, the only package that prints or exits.
 */
package org.ncer;
