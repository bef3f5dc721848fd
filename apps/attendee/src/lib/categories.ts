import { m } from '$lib/paraglide/messages';

export type AttendeeCategory = 'visitor' | 'delegate' | 'exhibitor' | 'media' | 'vip';

/** 观众, 嘉宾, 展商, 媒体, VIP: the names attendees know the categories by. */
export const categoryName: Record<AttendeeCategory, () => string> = {
	visitor: m.category_visitor,
	delegate: m.category_delegate,
	exhibitor: m.category_exhibitor,
	media: m.category_media,
	vip: m.category_vip
};

/** Who each category is for, so a visitor does not register as a delegate by mistake. */
export const categoryMeaning: Record<AttendeeCategory, () => string> = {
	visitor: m.category_visitor_meaning,
	delegate: m.category_delegate_meaning,
	exhibitor: m.category_exhibitor_meaning,
	media: m.category_media_meaning,
	vip: m.category_vip_meaning
};
