package io.ringstore.engine.family.sort;

import io.ringstore.engine.testing.FamilyEngineTest;

/**
 * Shared set-up of the SORT engine tests: a real EmbeddedEngine on a manual clock. The
 * expected replies in the tests were recorded from redis-server 7.0.15 (started with LANG=C.UTF-8,
 * whose collation is strcmp) for the same commands, FLUSHALL between groups.
 */
abstract class SortEngineTest extends FamilyEngineTest {
}
