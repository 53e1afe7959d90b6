import { renderStaffApp } from '@onedoor/staff-ui';
import { RectificationsApp } from './RectificationsApp';
import '../ui/console.css';

renderStaffApp(<RectificationsApp origin={window.location.origin} />);
