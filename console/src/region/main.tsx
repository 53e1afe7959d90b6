import { renderStaffApp } from '@onedoor/staff-ui';
import { RegionApp } from './RegionApp';
import '../ui/console.css';
import '../stats/stats.css';
import './region.css';

renderStaffApp(<RegionApp origin={window.location.origin} />);
