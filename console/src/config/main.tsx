import { renderStaffApp } from '@onedoor/staff-ui';
import { ConfigApp } from './ConfigApp';
import '../ui/console.css';
import './config.css';

renderStaffApp(<ConfigApp origin={window.location.origin} />);
