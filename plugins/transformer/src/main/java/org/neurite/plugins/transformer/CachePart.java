package org.neurite.plugins.transformer;

/**
 * The rows of one cache's sequences in a decode pass: {@code batch * n} rows from row
 * {@code from}, those of sequence {@code b} at steps {@code start, start + 1, ...}.
 *
 * @param cache the cache the rows' keys and values go to
 * @param from the first row
 * @param start the step of each sequence's first new row
 */
record CachePart(KeyValueCache cache, int from, int start) {
}
