package io.ringstore.engine.family.bitmaps;

import io.ringstore.engine.testing.FamilyEngineTest;

/**
 * Shared set-up of the bitmap family's engine tests: a real EmbeddedEngine on a manual
 * clock. The expected replies in the tests were taken from redis-server 7.0.15 for the same
 * commands (FLUSHALL between groups).
 */
abstract class BitmapEngineTest extends FamilyEngineTest {
}
