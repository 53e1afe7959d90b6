import { renderStaffApp } from '@onedoor/staff-ui';
import { EvaluationsApp } from './EvaluationsApp';
import '../ui/console.css';

renderStaffApp(<EvaluationsApp origin={window.location.origin} />);
