-- When each window entered its state (opened, paused, closed): the console's floor view shows how long a window has
-- been paused (issue 10). Rows written before this column stay NULL ("not known") until the window next changes state.
ALTER TABLE window_runtime ADD COLUMN state_since TEXT;
