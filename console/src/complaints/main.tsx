import { renderStaffApp } from '@onedoor/staff-ui';
import { ComplaintsApp } from './ComplaintsApp';
import '../ui/console.css';

renderStaffApp(<ComplaintsApp origin={window.location.origin} />);
