//! Channel comparison: what each channel's spend buys, and what moving budget from one
//! channel to another would do, assuming each channel keeps its cost per visitor and
//! conversion rate over the range moved.

/// One channel, checked: non-negative amounts, rates as fractions.
#[derive(Clone, Debug, PartialEq)]
pub struct Channel {
    pub spend: f64,
    /// Cost of one acquired visitor (> 0).
    pub cost_per_visitor: f64,
    pub conversion: f64,
    pub aov: f64,
    pub margin: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChannelResult {
    pub visitors: f64,
    pub orders: f64,
    pub gmv: f64,
    /// Gross margin on the GMV minus the spend.
    pub profit: f64,
    /// `None` without spend.
    pub roi: Option<f64>,
    /// Spend per order; `None` without orders.
    pub cost_per_order: Option<f64>,
}

impl Channel {
    pub fn evaluate(&self) -> ChannelResult {
        let visitors = self.spend / self.cost_per_visitor;
        let orders = visitors * self.conversion;
        let gmv = orders * self.aov;
        let profit = gmv * self.margin - self.spend;
        ChannelResult {
            visitors,
            orders,
            gmv,
            profit,
            roi: (self.spend > 0.0).then(|| profit / self.spend),
            cost_per_order: (orders > 0.0).then(|| self.spend / orders),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoveError {
    NoSuchChannel,
    SameChannel,
    /// More than the source channel spends.
    MoreThanSpent,
}

/// Totals over all channels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Totals {
    pub spend: f64,
    pub orders: f64,
    pub gmv: f64,
    pub profit: f64,
}

impl Totals {
    /// Spend per order over every channel; `None` without orders.
    pub fn cost_per_order(&self) -> Option<f64> {
        (self.orders > 0.0).then(|| self.spend / self.orders)
    }

    /// Profit over spend for every channel together; `None` without spend.
    pub fn roi(&self) -> Option<f64> {
        (self.spend > 0.0).then(|| self.profit / self.spend)
    }
}

pub fn totals(channels: &[Channel]) -> Totals {
    channels.iter().map(Channel::evaluate).zip(channels).fold(
        Totals {
            spend: 0.0,
            orders: 0.0,
            gmv: 0.0,
            profit: 0.0,
        },
        |t, (r, c)| Totals {
            spend: t.spend + c.spend,
            orders: t.orders + r.orders,
            gmv: t.gmv + r.gmv,
            profit: t.profit + r.profit,
        },
    )
}

/// The channels with `amount` moved from channel `from` to channel `to`.
pub fn move_budget(
    channels: &[Channel],
    from: usize,
    to: usize,
    amount: f64,
) -> Result<Vec<Channel>, MoveError> {
    if from == to {
        return Err(MoveError::SameChannel);
    }
    let source = channels.get(from).ok_or(MoveError::NoSuchChannel)?;
    channels.get(to).ok_or(MoveError::NoSuchChannel)?;
    if amount > source.spend {
        return Err(MoveError::MoreThanSpent);
    }
    let mut moved = channels.to_vec();
    if let Some(c) = moved.get_mut(from) {
        c.spend -= amount;
    }
    if let Some(c) = moved.get_mut(to) {
        c.spend += amount;
    }
    Ok(moved)
}

/// The channel totals before and after a budget move.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MoveResult {
    pub before: Totals,
    pub after: Totals,
}

impl MoveResult {
    /// The change in profit the move brings (the page's `move-result`).
    pub fn profit_change(&self) -> f64 {
        self.after.profit - self.before.profit
    }

    pub fn orders_change(&self) -> f64 {
        self.after.orders - self.before.orders
    }
}

/// What moving `amount` from channel `from` to channel `to` does to the totals.
pub fn budget_move(
    channels: &[Channel],
    from: usize,
    to: usize,
    amount: f64,
) -> Result<MoveResult, MoveError> {
    let after = move_budget(channels, from, to, amount)?;
    Ok(MoveResult {
        before: totals(channels),
        after: totals(&after),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The training example: a notes-app channel at 50 per visitor converting 8 % and a
    /// short-video channel at 80 converting 5 %, same order value and margin.
    fn training() -> Vec<Channel> {
        vec![
            Channel {
                spend: 100_000.0,
                cost_per_visitor: 50.0,
                conversion: 0.08,
                aov: 300.0,
                margin: 0.4,
            },
            Channel {
                spend: 100_000.0,
                cost_per_visitor: 80.0,
                conversion: 0.05,
                aov: 300.0,
                margin: 0.4,
            },
        ]
    }

    #[test]
    fn each_channel_gets_its_orders_gmv_and_cost() {
        let notes = training()[0].evaluate();
        assert_eq!(
            (notes.visitors, notes.orders, notes.gmv),
            (2_000.0, 160.0, 48_000.0)
        );
        assert_eq!(notes.cost_per_order, Some(625.0));
        let video = training()[1].evaluate();
        assert_eq!(video.orders, 62.5);
        assert_eq!(video.cost_per_order, Some(1_600.0));
    }

    #[test]
    fn the_total_row_divides_the_sums_not_the_channels_ratios() {
        let t = totals(&training());
        let (spend, orders): (f64, f64) = training()
            .iter()
            .map(|c| (c.spend, c.evaluate().orders))
            .fold((0.0, 0.0), |(s, o), (cs, co)| (s + cs, o + co));
        assert_eq!(t.cost_per_order(), Some(spend / orders));
        assert_eq!(t.roi(), Some(t.profit / spend));
        let none = totals(&[]);
        assert_eq!((none.cost_per_order(), none.roi()), (None, None));
    }

    #[test]
    fn moving_budget_to_the_cheaper_orders_raises_profit() {
        let moved = budget_move(&training(), 1, 0, 50_000.0).expect("move");
        assert_eq!(moved.after.spend, moved.before.spend);
        // 50,000 buys 80 orders in notes and 31.25 in video: +48.75 orders × 120 margin.
        assert!((moved.orders_change() - 48.75).abs() < 1e-9);
        assert!((moved.profit_change() - 48.75 * 120.0).abs() < 1e-6);
        assert_eq!(
            move_budget(&training(), 0, 0, 1.0),
            Err(MoveError::SameChannel)
        );
        assert_eq!(
            move_budget(&training(), 0, 1, 200_000.0),
            Err(MoveError::MoreThanSpent)
        );
        assert_eq!(
            move_budget(&training(), 0, 5, 1.0),
            Err(MoveError::NoSuchChannel)
        );
    }
}
