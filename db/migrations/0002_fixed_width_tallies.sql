-- Check-in counters are stored as 2^40 + count so that every value takes the same six bytes and an answer
-- overwrites its cells in place (see db/repositories/checkins.ts). Existing counters are converted once.
UPDATE `checkin_tally` SET `count` = `count` + 1099511627776 WHERE `count` < 1099511627776;
