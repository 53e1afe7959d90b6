-- The statistics read the cases received and the ratings given in a period (issue 10): a month out of a year of data
-- must not scan every case and rating.
CREATE INDEX cases_by_received ON cases (received_at) WHERE type != 'member';
CREATE INDEX evaluations_by_at ON evaluations (at);
