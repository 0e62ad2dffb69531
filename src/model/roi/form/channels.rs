//! Channels (spend, cost per visitor, conversion, order value, margin) and the
//! budget moved between two of them, with the channel row operations.

use super::*;
use crate::model::form::{cells, Cell};
use crate::model::input::{parse_bounded, push_item, remove_item, split_list, Bounds};
use crate::model::query::Values;
use crate::model::roi::channels::Channel;

/// The lists that hold one item per channel, its name first.
const CHANNEL_LISTS: [&str; 6] = [CH_NAME, CH_SPEND, CH_CPV, CH_CONV, CH_AOV, CH_MARGIN];

#[derive(Clone, Debug, PartialEq)]
pub struct ChannelsForm {
    pub count: usize,
    pub typed_names: Vec<String>,
    pub spend: Vec<Cell>,
    pub cost_per_visitor: Vec<Cell>,
    /// Percent as typed.
    pub conversion: Vec<Cell>,
    pub aov: Vec<Cell>,
    /// Percent as typed.
    pub margin: Vec<Cell>,
    /// Every channel valid, rates as fractions.
    pub channels: Option<Vec<Channel>>,
    pub amount: Read,
    /// 1-based, within the channels.
    pub from: Read,
    pub to: Read,
}

pub fn read_channels(values: &Values) -> ChannelsForm {
    let count = CHANNEL_LISTS
        .iter()
        .skip(1)
        .map(|p| split_list(values.get(p)).len())
        .max()
        .unwrap_or(1)
        .clamp(1, MAX_CHANNELS);
    let column = |p: &str, bounds| {
        let mut c = cells(values.get(p), count, bounds);
        c.truncate(count);
        c
    };
    let spend = column(CH_SPEND, Bounds::NON_NEGATIVE);
    let cost_per_visitor = column(CH_CPV, Bounds::POSITIVE);
    let conversion = column(CH_CONV, Bounds::PERCENT);
    let aov = column(CH_AOV, Bounds::NON_NEGATIVE);
    let margin = column(CH_MARGIN, Bounds::PERCENT);
    let typed = split_list(values.get(CH_NAME));
    let channels = (0..count)
        .map(|i| {
            Some(Channel {
                spend: spend.get(i)?.ok()?,
                cost_per_visitor: cost_per_visitor.get(i)?.ok()?,
                conversion: conversion.get(i)?.ok()? / 100.0,
                aov: aov.get(i)?.ok()?,
                margin: margin.get(i)?.ok()? / 100.0,
            })
        })
        .collect();
    let index = Bounds::range(1.0, true, count as f64, true).whole();
    ChannelsForm {
        count,
        typed_names: (0..count)
            .map(|i| typed.get(i).copied().unwrap_or("").to_string())
            .collect(),
        spend,
        cost_per_visitor,
        conversion,
        aov,
        margin,
        channels,
        amount: parse_bounded(values.get(MOVE), Bounds::NON_NEGATIVE),
        from: parse_bounded(values.get(MOVE_FROM), index),
        to: parse_bounded(values.get(MOVE_TO), index),
    }
}

/// Adds a channel: a copy of the last one's numbers, unnamed.
pub fn add_channel(values: &Values, count: usize) -> Changes {
    CHANNEL_LISTS
        .iter()
        .map(|&p| {
            let last = split_list(values.get(p))
                .get(count.saturating_sub(1))
                .copied()
                .unwrap_or("")
                .to_string();
            (
                p,
                push_item(values.get(p), count, if p == CH_NAME { "" } else { &last }),
            )
        })
        .collect()
}

/// Removes channel `i`; the budget move goes back to channels that exist.
pub fn remove_channel(values: &Values, i: usize) -> Changes {
    let mut changes: Changes = CHANNEL_LISTS
        .iter()
        .map(|&p| (p, remove_item(values.get(p), i)))
        .collect();
    changes.push((MOVE_FROM, "1".into()));
    changes.push((MOVE_TO, "2".into()));
    changes
}
