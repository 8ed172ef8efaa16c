/**
 * The picocli commands: the only package that prints or exits. Tests drive {@link
 * org.ncer.cli.Main#run(java.io.PrintStream, java.io.PrintStream, String...)}, which returns the
 * exit code: 0 ok, 1 run failed or fell below a threshold, 2 usage or input error.
 */
package org.ncer.cli;
