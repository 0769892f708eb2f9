/** Membership inference attacks computed from one scoring pass (loss, zlib, Min-K%, Min-K%++, reference) and MoPe. */
package io.kdprivacy.attack;
