// Every workflow the worker registers. Loaded inside Temporal's deterministic sandbox: import only
// workflow code, pure domain rules and `import type` of activities here and below.
export { enquiryWorkflow } from './enquiry.js';
export { cfpApplicationWorkflow } from './cfp-application/cfp-application.js';
export { claimWorkflow } from './claim.js';
export { awardMonitoringWorkflow } from './award-monitoring.js';
export { remittanceDeliveryWorkflow } from './remittance-delivery.js';
export { assetTransferWorkflow } from './asset-transfer/asset-transfer.js';
export { bankDetailsNoticeWorkflow } from './bank-details-notices.js';
export { noticeDeliveryWorkflow } from './notice-delivery.js';
