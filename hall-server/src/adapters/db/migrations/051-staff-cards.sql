-- A staff member's card (issue 9): their own ID card registered to their account, so that showing it on a kiosk's
-- reader unlocks a 绿色通道 ticket. Only the vault's lookup key of the number is kept (never the number itself).
ALTER TABLE staff ADD COLUMN card_key TEXT;
CREATE UNIQUE INDEX staff_card_key ON staff (card_key) WHERE card_key IS NOT NULL;
