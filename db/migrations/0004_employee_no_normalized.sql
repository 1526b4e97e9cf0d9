-- One account per employee (F17): the app stores employee numbers NFKC-normalized, trimmed and in upper
-- case, so UNIQUE(employee_no) catches " e1004 " too. This refuses raw writes that skip the normalization.
CREATE TRIGGER users_employee_no_normalized BEFORE INSERT ON users
WHEN NEW.employee_no <> upper(trim(NEW.employee_no)) OR NEW.employee_no = ''
BEGIN SELECT RAISE(ABORT, 'employee numbers are stored trimmed and in upper case'); END;
--> statement-breakpoint
CREATE TRIGGER users_employee_no_normalized_update BEFORE UPDATE OF employee_no ON users
WHEN NEW.employee_no <> upper(trim(NEW.employee_no)) OR NEW.employee_no = ''
BEGIN SELECT RAISE(ABORT, 'employee numbers are stored trimmed and in upper case'); END;
