/* Response shapes of the classification API, as the services define them. */
export type { CategoryFlow as PreviewCategory, Preview, PublishResult } from '../../../services/classification/publish-draft.ts';
export type { ClassTimelineEntry, CustomerClass } from '../../../services/classification/customer-classes.ts';
export type { Distribution } from '../../../services/classification/distribution.ts';
export type { Progress as RunProgress } from '../../../services/classification/population.ts';
