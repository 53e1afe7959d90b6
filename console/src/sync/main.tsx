import { renderStaffApp } from '@onedoor/staff-ui';
import { SyncApp } from './SyncApp';
import '../ui/console.css';
import './sync.css';

renderStaffApp(<SyncApp origin={window.location.origin} />);
