import { renderStaffApp } from '@onedoor/staff-ui';
import { BackOffice } from './BackOffice';
import './backoffice.css';

renderStaffApp(<BackOffice origin={window.location.origin} />);
