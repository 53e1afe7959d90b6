import { renderStaffApp } from '@onedoor/staff-ui';
import { AuditApp } from './AuditApp';
import '../ui/console.css';

renderStaffApp(<AuditApp origin={window.location.origin} />);
