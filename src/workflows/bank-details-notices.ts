// The first delivery of mail outside a case, kept under its name so that deliveries started by it before
// noticeDeliveryWorkflow existed still find a workflow to run them. New deliveries start noticeDeliveryWorkflow.
export { noticeDeliveryWorkflow as bankDetailsNoticeWorkflow } from './notice-delivery.js';
