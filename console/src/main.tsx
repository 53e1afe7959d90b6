import { renderStaffApp } from '@onedoor/staff-ui';
import { ConsoleApp } from './ui/ConsoleApp';
import './ui/console.css';

renderStaffApp(<ConsoleApp origin={window.location.origin} />);
