import { renderStaffApp } from '@onedoor/staff-ui';
import { StatsApp } from './StatsApp';
import '../ui/console.css';
import './stats.css';

renderStaffApp(<StatsApp origin={window.location.origin} />);
