/** Results in the leaderboard's layout, Markdown and HTML; reads run folders, never runs models. */
package org.ncer.report;
