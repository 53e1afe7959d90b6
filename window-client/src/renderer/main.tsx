import { renderStaffApp } from '@onedoor/staff-ui';
import { WindowApp } from './ui/WindowApp';
import { windowDevices } from './devices';
import './ui/window.css';

renderStaffApp(<WindowApp devices={windowDevices()} />);
