-- 好差评 tied to the whole service: the cases taken in for the ticket, and the reason of a 差评 (不满意, 非常不满意),
-- given with the rating or afterwards on the window's second screen or the visitor's phone.
ALTER TABLE evaluations ADD COLUMN case_ids TEXT NOT NULL DEFAULT '[]';
ALTER TABLE evaluations ADD COLUMN reason TEXT;
ALTER TABLE evaluations ADD COLUMN reason_at TEXT;
CREATE INDEX cases_by_ticket ON cases (ticket_id) WHERE ticket_id IS NOT NULL;
